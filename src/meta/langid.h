/*
 * langid.h — a small language identifier for the extracted text.
 *
 * Two signals: the script of the letters (Hangul is Korean; kana among the
 * ideographs Japanese; ideographs alone Chinese; Thai, Hebrew, Greek and
 * Devanagari letters their language), and, for the scripts several
 * languages share (Latin, Cyrillic, Arabic), the language's most frequent
 * function words and its distinctive letters ("und", "ß"). The word lists
 * are in scripts/langid/, turned into tables by scripts/gen-langid.py.
 *
 * It reads at most LANGID_MAX_TEXT bytes and does one pass over them with
 * one hash lookup per word: a few microseconds per page.
 */
#ifndef PITH_META_LANGID_H
#define PITH_META_LANGID_H

#include <stddef.h>

/* Bytes of text read: 4 KB of running text is several hundred words,
 * far more than the lists need, and keeps the cost per page flat. */
#define LANGID_MAX_TEXT 4096

/* Fewer letters than this (ideographs and Hangul syllables count three)
 * make no guess: a caption or a menu is no evidence (a dozen words). */
#define LANGID_MIN_LETTERS 60
/* Fewer listed words than this make no guess for the shared scripts. */
#define LANGID_MIN_HITS 4

/* The language count of the generated tables (a test checks). */
#define LANGID_MAX_LANGS 48

typedef struct langid_result {
    const char *code; /* BCP 47 primary subtag ("de"), or NULL: no guess */
    int strong;       /* evidence enough to overrule a page's declaration */
    unsigned letters; /* letters read */
    unsigned hits;    /* listed words read */
    /* Word and letter score per language, by langid_index order. */
    unsigned scores[LANGID_MAX_LANGS];
} langid_result;

/* Identifies the language of text[0..len) (UTF-8; the first
 * LANGID_MAX_TEXT bytes). */
void langid_guess(const char *text, size_t len, langid_result *out);

/* Index of a language code in langid_result.scores, or -1 when the
 * identifier does not know the language. */
int langid_index(const char *code, size_t len);

/* The code ("de") of a language name or ISO 639-2 code pages write
 * instead of a BCP 47 tag ("German", "Deutsch", "deu", "ger"), compared
 * case-insensitively; NULL when unknown. */
const char *langid_code_of_name(const char *s, size_t len);

/* 1 when two codes name languages readers often cannot tell apart in
 * writing (Norwegian and Danish; Croatian, Bosnian, Serbian and
 * Slovenian; Indonesian and Malay; Czech and Slovak; Spanish, Catalan,
 * Galician and Portuguese): identification never overrules a page
 * between them. */
int langid_close(const char *a, const char *b);

/* The script a known language is written in, as an ISO 15924 code
 * ("Latn", "Cyrl", ...; "Jpan", "Hani", "Kore" for the CJK languages),
 * or NULL when the identifier does not know the language. */
const char *langid_script_of(const char *code, size_t len);

#endif
