/* schema_json_util.c - the small JSON builders both model printers share
 * (schema_json_int.h). */
#include <jansson.h>
#include <string.h>

#include "util/buf.h"
#include "model/schema_json_int.h"

/* A JSON string of `s` ("" for NULL); bytes that are not UTF-8 (a database
 * can hold any) become U+FFFD, as jansson refuses them. */
json_t *dg_json__str(const char *s)
{
    json_t *j = json_string(s ? s : "");
    if (j) return j;
    dg_buf b = DG_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t k = *p < 0x80 ? 0 : (*p >> 5) == 6 ? 1 : (*p >> 4) == 14 ? 2 : (*p >> 3) == 30 ? 3 : 9;
        bool ok = k != 9;
        for (size_t i = 1; ok && i <= k; i++) ok = (p[i] & 0xC0) == 0x80;
        if (ok) {
            dg_buf_append(&b, p, k + 1);
            p += k + 1;
        } else {
            dg_buf_puts(&b, "\xEF\xBF\xBD");
            p++;
        }
    }
    j = json_string(dg_buf_cstr(&b));
    dg_buf_free(&b);
    return j ? j : json_string("");
}

json_t *dg_json__str_or_null(const char *s) { return s ? dg_json__str(s) : json_null(); }

json_t *dg_json__strings(const dg_strings *v)
{
    json_t *a = json_array();
    for (size_t i = 0; i < v->len; i++) json_array_append_new(a, dg_json__str(v->items[i]));
    return a;
}

void dg_json__put_loc(json_t *o, dg_loc loc, bool locations)
{
    if (!locations) return;
    if (!loc.file || loc.line <= 0) {
        json_object_set_new(o, "loc", json_null());
        return;
    }
    json_t *l = json_object();
    json_object_set_new(l, "file", dg_json__str(loc.file));
    json_object_set_new(l, "line", json_integer(loc.line));
    json_object_set_new(l, "col", json_integer(loc.col));
    json_object_set_new(o, "loc", l);
}

json_t *dg_json__annotations(const dg_annotations *a, bool above)
{
    json_t *o = json_object();
    for (size_t i = 0; i < a->len; i++)
        if (above || !a->items[i].above) json_object_set_new(o, a->items[i].key, dg_json__str(a->items[i].value));
    return o;
}

