#ifndef ECS_PROTECT_CTERMINALSUPPORT_H
#define ECS_PROTECT_CTERMINALSUPPORT_H
#include <stddef.h>
#include <wchar.h>
/// Column width of one Unicode scalar as the C library sees it (-1 for non-printable).
int ecs_wcwidth(unsigned int scalar);
/// Selects the user's locale for LC_CTYPE, falling back to C.UTF-8 when that is not UTF-8.
void ecs_ensure_utf8_ctype(void);
#endif
