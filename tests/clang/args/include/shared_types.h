/* Found through --clang-arg -Iinclude. */
#ifndef SHARED_TYPES_H
#define SHARED_TYPES_H
typedef int64_t money_cents;
enum currency { EUR, USD };
#endif
