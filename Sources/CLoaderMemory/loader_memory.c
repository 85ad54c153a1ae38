#define _GNU_SOURCE
#include "CLoaderMemory.h"

#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

struct relocation_table {
    uintptr_t start;
    uintptr_t size;
};

/// The first object dl_iterate_phdr reports is the program itself.
static int find_program_table(struct dl_phdr_info *info, size_t info_size, void *context) {
    (void)info_size;
    struct relocation_table *table = context;
    for (ElfW(Half) index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *header = &info->dlpi_phdr[index];
        if (header->p_type != PT_DYNAMIC) continue;
        uintptr_t address = 0, size = 0;
        for (const ElfW(Dyn) *entry = (const ElfW(Dyn) *)(info->dlpi_addr + header->p_vaddr);
             entry->d_tag != DT_NULL; entry++) {
            if (entry->d_tag == DT_RELA) address = entry->d_un.d_ptr;
            if (entry->d_tag == DT_RELASZ) size = entry->d_un.d_val;
        }
        // glibc rewrites the dynamic section's addresses in place to absolute ones when it loads a
        // position-independent program; an address below the load base is still relative to it.
        if (address != 0 && address < info->dlpi_addr) address += info->dlpi_addr;
        table->start = address;
        table->size = size;
        break;
    }
    return 1;
}

long ecs_release_relocation_table(void) {
    struct relocation_table table = {0, 0};
    dl_iterate_phdr(find_program_table, &table);
    if (table.start == 0 || table.size == 0) return 0;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0) return 0;
    uintptr_t mask = (uintptr_t)page - 1;
    // Whole pages only: the pages at either end also hold the sections beside the table.
    uintptr_t first = (table.start + mask) & ~mask;
    uintptr_t end = (table.start + table.size) & ~mask;
    if (end <= first) return 0;
    if (madvise((void *)first, end - first, MADV_DONTNEED) != 0) return -1;
    return (long)(end - first);
}
