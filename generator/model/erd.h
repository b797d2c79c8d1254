/* erd.h - the schema model as an entity-relationship diagram, what
 * `dalgen erd` prints: each table with its columns (PK/FK marks) and one edge
 * per foreign key, in model order. */
#ifndef DG_ERD_H
#define DG_ERD_H

#include "model/model.h"
#include "util/buf.h"

/* Mermaid's erDiagram syntax; names reduced to the word characters Mermaid
 * accepts.  Appends to b. */
void dg_erd_mermaid(const dg_schema *s, dg_buf *b);
/* Graphviz dot, one HTML-like table per table, edges between ports of the
 * first key columns.  Appends to b. */
void dg_erd_dot(const dg_schema *s, dg_buf *b);

#endif
