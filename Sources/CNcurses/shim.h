#ifndef ECS_PROTECT_CNCURSES_SHIM_H
#define ECS_PROTECT_CNCURSES_SHIM_H
// The wide-character API is only declared with these set before <ncurses.h>.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>
#endif
