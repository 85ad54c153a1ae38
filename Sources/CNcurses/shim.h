#ifndef ECS_PROTECT_CNCURSES_SHIM_H
#define ECS_PROTECT_CNCURSES_SHIM_H
// The wide-character API is only declared with these set before <ncurses.h>.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
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
#endif
