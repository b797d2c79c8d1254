/* fuzz_tmpl.c - the template engine (generator/c/template_*.c): the input
 * is a template "main", and after a line "----" a second template "p" that
 * main can include as a partial; both are parsed and main rendered over a
 * small fixed view that has every kind of value (strings holding quotes,
 * newlines, comment ends and trigraphs; numbers; booleans; null; arrays of
 * objects; nested objects), so that |c and |comment see hostile text. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "c/template.h"
#include "util/buf.h"

static const char view_json[] =
    "{\"name\":\"users\",\"guard\":\"DAL_USERS_H\",\"n\":-42,\"big\":9007199254740993,\"x\":1.5,"
    "\"yes\":true,\"no\":false,\"none\":null,\"empty\":\"\",\"zero\":0,\"nothing\":[],"
    "\"sql\":\"SELECT \\\"a\\\" FROM t -- */ ?\?= \\\\\\n\\tWHERE x = '?' /* \\u00e9 \\u0001\",\n"
    "\"inputs\":[{\"path\":\"schema.sql\"},{\"path\":\"a*/b?\?/\\nc\"}],"
    "\"tables\":[{\"struct\":\"user\",\"name\":\"users\",\"columns\":[{\"name\":\"id\",\"c_type\":\"int64_t\",\"key\":true},"
    "{\"name\":\"email\",\"c_type\":\"const char *\",\"nullable\":true}]},"
    "{\"struct\":\"post\",\"name\":\"posts\",\"columns\":[]}],"
    "\"a\":{\"b\":{\"c\":\"deep\",\"list\":[1,2,3]}}}";

static json_t *fixed_view(void)
{
    static json_t *view;   /* built once per process: harness state */
    if (!view) {
        json_error_t err;
        view = json_loads(view_json, 0, &err);
        if (!view) abort();
    }
    return view;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The set copies NUL-terminated texts: an input's NUL ends its template. */
    char *text = malloc(size + 1);
    if (!text) abort();
    memcpy(text, data, size);
    text[size] = '\0';
    char *partial = NULL;
    for (char *p = text; (p = strstr(p, "----\n")) != NULL; p++)
        if (p == text || p[-1] == '\n') {
            *p = '\0';
            partial = p + 5;
            break;
        }
    dg_tmpl_set *set = dg_tmpl_set_new();
    dg_tmpl_set_add(set, "main", "main.tmpl", text);
    if (partial) dg_tmpl_set_add(set, "p", "p.tmpl", partial);
    dg_diags d = DG_DIAGS_INIT;
    dg_buf out = DG_BUF_INIT;
    (void)dg_tmpl_render(set, "main", fixed_view(), &out, &d);
    dg_buf_free(&out);
    dg_diags_free(&d);
    dg_tmpl_set_free(set);
    free(text);
    return 0;
}
