CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE audit (user_id INTEGER);

CREATE TRIGGER users_log AFTER UPDATE ON users
BEGIN
  UPDATE audit SET who = NEW.name WHERE user_id = NEW.id;
END;
