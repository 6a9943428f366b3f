/* tender plugin runtime for freestanding wasm32: a bump allocator over __heap_base, the exported `alloc`,
 * and the few libc functions compilers call. Header-only: include it in exactly one .c file of a module.
 * Define TP_LIBC_ALLOCATOR to also get malloc/free/posix_memalign/arc4random_buf (the Embedded Swift shim).
 * Nothing here imports anything: no clock, no randomness, no I/O. Memory is fresh for every call. */
#ifndef TENDER_RUNTIME_H
#define TENDER_RUNTIME_H

typedef unsigned char tp_u8;
typedef unsigned int tp_u32;
typedef long long tp_i64;
typedef unsigned long long tp_u64;
typedef __SIZE_TYPE__ tp_size;

#define TP_EXPORT(name) __attribute__((export_name(name), visibility("default")))
#define TP_NO_BUILTIN __attribute__((no_builtin))

extern unsigned char __heap_base;
static tp_size tp_heap_top;

/* Bump-allocates n bytes, 16-byte aligned, growing memory as needed. Returns 0 when memory is exhausted. */
static void *tp_alloc(tp_size n) {
    if (tp_heap_top == 0) tp_heap_top = (tp_size)&__heap_base;
    tp_size start = (tp_heap_top + 15) & ~(tp_size)15;
    if (n > 0x7FFFFFFFu - start) return 0;
    tp_size end = start + n;
    tp_size have = (tp_size)__builtin_wasm_memory_size(0) * 65536u;
    if (end > have) {
        tp_size pages = (end - have + 65535u) / 65536u;
        if (__builtin_wasm_memory_grow(0, pages) == (tp_size)-1) return 0;
    }
    tp_heap_top = end;
    return (void *)start;
}

/* ABI: the host asks for a buffer of len bytes for the input JSON. */
TP_EXPORT("alloc") tp_u32 alloc(tp_u32 len) { return (tp_u32)(tp_size)tp_alloc(len); }

/* With bulk memory (on by default for wasm32 in clang 21) these lower to memory.fill / memory.copy, which
 * WebAssembly defines for overlapping ranges too and WasmKit meters at one unit of fuel per 64 bytes. */
void *memset(void *d, int c, tp_size n) {
    __builtin_memset(d, c, n);
    return d;
}
void *memcpy(void *d, const void *s, tp_size n) {
    __builtin_memmove(d, s, n);
    return d;
}
void *memmove(void *d, const void *s, tp_size n) {
    __builtin_memmove(d, s, n);
    return d;
}
TP_NO_BUILTIN int memcmp(const void *a, const void *b, tp_size n) {
    const tp_u8 *p = (const tp_u8 *)a, *q = (const tp_u8 *)b;
    for (; n; n--, p++, q++)
        if (*p != *q) return *p < *q ? -1 : 1;
    return 0;
}
TP_NO_BUILTIN tp_size strlen(const char *s) {
    tp_size n = 0;
    while (s[n]) n++;
    return n;
}

/* 128-bit multiply, which the compiler calls to check 64-bit multiplications for overflow (Swift's Int64 `*`).
 * Written with 64-bit halves so that it does not call itself. */
__int128 __multi3(__int128 a, __int128 b) {
    tp_u64 al = (tp_u64)a, ah = (tp_u64)((unsigned __int128)a >> 64);
    tp_u64 bl = (tp_u64)b, bh = (tp_u64)((unsigned __int128)b >> 64);
    tp_u64 a0 = al & 0xFFFFFFFFu, a1 = al >> 32, b0 = bl & 0xFFFFFFFFu, b1 = bl >> 32;
    tp_u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    tp_u64 mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    tp_u64 lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
    tp_u64 hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32) + al * bh + ah * bl;
    return (__int128)(((unsigned __int128)hi << 64) | lo);
}

#ifdef TP_LIBC_ALLOCATOR
/* The Embedded Swift runtime allocates through these. free is a no-op: the instance is discarded after the call. */
void *malloc(tp_size n) { return tp_alloc(n); }
void free(void *p) { (void)p; }
int posix_memalign(void **out, tp_size align, tp_size n) {
    if (align > 16) {
        void *p = tp_alloc(n + align);
        if (!p) return 12;
        *out = (void *)(((tp_size)p + align - 1) & ~(align - 1));
        return 0;
    }
    *out = tp_alloc(n);
    return *out ? 0 : 12;
}
/* No randomness in plugins: the hashing seed is always zero, so runs are deterministic. */
void arc4random_buf(void *buf, tp_size n) { memset(buf, 0, n); }
#endif

#endif
