"""Demo content for Khepri: pure bilingual data (French first, English second), no Django imports."""
