DELETE FROM password_resets;
