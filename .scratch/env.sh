cd /work/wt/speed
source tools/test-env.sh
trap vita_test_env_cleanup EXIT
