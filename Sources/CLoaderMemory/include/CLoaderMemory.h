#ifndef C_LOADER_MEMORY_H
#define C_LOADER_MEMORY_H

/// Drops this program's dynamic relocation table (`DT_RELA`, `.rela.dyn`) from memory: the
/// dynamic linker reads it once, before `main`, to fix up addresses, and nothing reads it again,
/// yet its pages would stay resident for the life of the process. Only whole pages inside the
/// table are given back (`madvise(MADV_DONTNEED)` on a private, never-written file mapping); a page
/// read again later is read back from the file, unchanged.
///
/// Returns the bytes given back: 0 when there is nothing to give (no table, or less than a page
/// of it), -1 when the kernel refused.
long ecs_release_relocation_table(void);

#endif
