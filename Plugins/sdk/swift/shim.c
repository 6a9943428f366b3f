/* The C runtime an Embedded Swift plugin links with: bump allocator (malloc/free/posix_memalign), the exported
 * `alloc`, memset/memcpy/memmove/memcmp/strlen, and a zero-filling arc4random_buf (no randomness in plugins). */
#define TP_LIBC_ALLOCATOR
#include "../c/tender_runtime.h"
