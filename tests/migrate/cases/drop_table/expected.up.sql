DROP TRIGGER "gone_t";

DROP TABLE "gone";
