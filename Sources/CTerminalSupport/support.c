// Glibc's Swift module is built without _XOPEN_SOURCE, which hides wcwidth and the pty calls.
#define _XOPEN_SOURCE 700
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include "CTerminalSupport.h"

int ecs_wcwidth(unsigned int scalar) {
    return wcwidth((wchar_t)scalar);
}

void ecs_ensure_utf8_ctype(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || strcmp(codeset, "UTF-8") != 0) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}
