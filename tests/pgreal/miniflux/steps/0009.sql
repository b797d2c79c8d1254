ALTER TABLE sessions rename to user_sessions;
