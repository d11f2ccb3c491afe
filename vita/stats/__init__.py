"""Anonymous statistics: counts of finished interviews by month, language, audience and indicator. No personal data."""
