/*
 * utf8.h — small UTF-8 helpers used by every stage.
 */
#ifndef PITH_CORE_UTF8_H
#define PITH_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s[0..len) (len > 0). Stores its byte length
 * in *adv (1..4). Invalid or truncated sequences decode as U+FFFD with
 * *adv = 1, so a scan always advances. */
uint32_t utf8_decode(const unsigned char *s, size_t len, size_t *adv);

/* The code point at s[*i] (U+FFFD for an invalid sequence); advances *i
 * past it. *i < len. */
static inline uint32_t utf8_next(const unsigned char *s, size_t len, size_t *i)
{
    size_t adv = 1;
    uint32_t cp = s[*i] < 0x80 ? s[*i] : utf8_decode(s + *i, len - *i, &adv);
    *i += adv;
    return cp;
}

/* Encodes cp into out (at least 4 bytes); returns the byte length. */
size_t utf8_encode(uint32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of s[0..len). *multibyte is set
 * to 1 when that prefix holds a sequence of two or more bytes. */
size_t utf8_valid_prefix(const unsigned char *s, size_t len, int *multibyte);

/* Whitespace as HTML and text rendering see it: ASCII space, tab, LF, FF,
 * CR, and the Unicode spaces (NBSP, U+2000..U+200A, U+3000, ...). */
int utf8_is_space(uint32_t cp);

/* A "word" character: what Python's \w matches closely enough for counting
 * (letters, digits, marks, underscore, CJK). */
int utf8_is_word(uint32_t cp);

/* Number of \w+ runs in s[0..len) (the benchmark's token rule). */
size_t utf8_count_words(const char *s, size_t len);

/* ASCII case-insensitive comparison of s[0..len) with the NUL-terminated
 * lowercase literal lit. */
int ascii_ieq(const char *s, size_t len, const char *lit);

/* Simple lowercase of a code point: ASCII, Latin-1, Latin Extended-A
 * pairs, Greek and Cyrillic capitals. Enough to compare short labels. */
uint32_t utf8_lower(uint32_t cp);

/* Writes s[0..len) to out[0..cap) lowercased (unless UTF8_FOLD_KEEP_CASE),
 * whitespace dropped (or, with UTF8_FOLD_SPACES, each run turned into one
 * space); returns the bytes written, or cap + 1 when it does not fit. */
enum { UTF8_FOLD_SPACES = 1, UTF8_FOLD_KEEP_CASE = 2 };
size_t utf8_fold(const char *s, size_t len, char *out, size_t cap, unsigned flags);

/* First occurrence of needle[0..nlen) in hay[0..hlen), or NULL (memmem
 * is not in C11 or POSIX). */
const char *mem_find(const char *hay, size_t hlen, const char *needle, size_t nlen);

static inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

#endif
