CREATE TABLE "order items" (id INTEGER PRIMARY KEY, "unit price" REAL, "say ""hi""" TEXT, "a.b" TEXT);
