/* Found only through --clang-arg -Iinclude. */
#define APP_NAME_LEN 32
