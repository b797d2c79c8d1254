ALTER TABLE user_sessions ALTER COLUMN ip SET DATA TYPE inet using ip::inet;
