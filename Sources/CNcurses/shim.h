#ifndef ECS_PROTECT_CNCURSES_SHIM_H
#define ECS_PROTECT_CNCURSES_SHIM_H
// The wide-character API is only declared with these set before <ncurses.h>.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <ncurses.h>

// Swift does not import function-like macros (A_BOLD and friends) or mutable C globals in
// Swift 6 mode (COLORS, COLOR_PAIRS), so they are reached through these inline functions.

static inline attr_t ecs_attr_normal(void) { return A_NORMAL; }
static inline attr_t ecs_attr_bold(void) { return A_BOLD; }
static inline attr_t ecs_attr_dim(void) { return A_DIM; }
static inline attr_t ecs_attr_reverse(void) { return A_REVERSE; }
static inline attr_t ecs_attr_underline(void) { return A_UNDERLINE; }

/// The current screen's standard window (after newterm, the new screen's).
static inline WINDOW *ecs_stdscr(void) { return stdscr; }

/// Whether the current terminal can move the cursor (terminfo `cup`): 1 or 0.
static inline int ecs_has_cursor_addressing(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1 && cup[0] != '\0';
}

/// Number of colours the current screen supports (COLORS), valid after start_color().
static inline int ecs_colors(void) { return COLORS; }
/// Number of colour pairs the current screen supports (COLOR_PAIRS), valid after start_color().
static inline int ecs_color_pairs(void) { return COLOR_PAIRS; }

/// Fills `cell` with `text` (NUL-terminated, one spacing character plus combining marks) and an
/// extended colour pair, which setcchar only takes through its `opts` pointer.
static inline int ecs_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    return setcchar(cell, text, attrs, 0, &pair);
}

/// The extended colour pair stored in a cell (for reading the screen back).
static inline int ecs_cell_pair(const cchar_t *cell) {
    wchar_t text[CCHARW_MAX + 1];
    attr_t attrs = 0;
    short shortPair = 0;
    int pair = 0;
    if (getcchar(cell, text, &attrs, &shortPair, &pair) == ERR) { return -1; }
    return pair;
}

/// The attributes stored in a cell, without colour bits.
static inline attr_t ecs_cell_attrs(const cchar_t *cell) {
    wchar_t text[CCHARW_MAX + 1];
    attr_t attrs = 0;
    short shortPair = 0;
    int pair = 0;
    if (getcchar(cell, text, &attrs, &shortPair, &pair) == ERR) { return 0; }
    return attrs & ~A_COLOR;
}

/// A terminfo string capability, or NULL when the terminal lacks it (tigetstr's -1 included).
static inline const char *ecs_string_capability(const char *name) {
    const char *value = tigetstr(name);
    return (value == NULL || value == (const char *)-1 || value[0] == '\0') ? NULL : value;
}

/// A capability with one or two numeric parameters filled in (tiparm is variadic, so Swift
/// cannot call it directly).
static inline const char *ecs_tiparm1(const char *capability, int first) { return tiparm(capability, first); }
static inline const char *ecs_tiparm2(const char *capability, int first, int second) {
    return tiparm(capability, first, second);
}

/// A terminfo boolean capability: 1 when the terminal has it, else 0.
static inline int ecs_flag_capability(const char *name) { return tigetflag(name) > 0; }

/// Whether the locale's character set is UTF-8: 1 or 0.
static inline int ecs_locale_is_utf8(void) { return strcmp(nl_langinfo(CODESET), "UTF-8") == 0; }
#endif
