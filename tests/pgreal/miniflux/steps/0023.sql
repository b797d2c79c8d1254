ALTER TABLE users ADD COLUMN keyboard_shortcuts boolean default 't';
