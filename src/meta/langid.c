/*
 * langid.c — identifying the language of a text (langid.h).
 */
#include "meta/langid.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

enum langid_script {
    LANGID_SCRIPT_LATN,
    LANGID_SCRIPT_CYRL,
    LANGID_SCRIPT_ARAB,
    LANGID_SCRIPT_GREK,
    LANGID_SCRIPT_HEBR,
    LANGID_SCRIPT_DEVA,
    LANGID_SCRIPT_THAI,
    LANGID_SCRIPT_JPAN, /* kana */
    LANGID_SCRIPT_HANI, /* ideographs: Chinese, and Japanese with kana */
    LANGID_SCRIPT_KORE, /* Hangul */
    LANGID_SCRIPT__COUNT
};

/* ISO 15924 names, by enum langid_script. */
static const char *const script_names[LANGID_SCRIPT__COUNT] = {
    "Latn", "Cyrl", "Arab", "Grek", "Hebr", "Deva", "Thai", "Jpan", "Hani", "Kore",
};

struct langid_lang {
    const char *code;
    uint8_t script; /* enum langid_script */
};
struct langid_weight {
    uint8_t lang, weight;
};
struct langid_slot {
    uint32_t hash; /* 0: empty */
    uint16_t first;
    uint8_t count;
};
struct langid_letter {
    uint32_t cp;
    uint8_t lang, weight;
};
struct langid_name {
    const char *name;
    uint8_t lang;
};

#include "meta/langid_profiles.inc"

#if LANGID_LANGS > LANGID_MAX_LANGS
#error "raise LANGID_MAX_LANGS in langid.h"
#endif

#define LETTER_COUNT (sizeof langid_letters / sizeof *langid_letters)

/* Words longer than this are no function word: CJK and Thai runs, URLs. */
#define LANGID_WORD_MAX 32
/* Share (in percent) of the letters, ideographs and syllables counted
 * thrice, a script needs to decide: the majority. An English post quoting
 * Japanese terms stays English (blog.gaijinpot.com in trafilatura-meta). */
#define LANGID_SCRIPT_SHARE 50
/* Share (in percent) of kana among the CJK characters that makes Japanese:
 * Japanese prose is a third to a half kana, Chinese has none. */
#define LANGID_KANA_SHARE 5
/* Evidence that overrules a page's declaration: a few lines of text in
 * which the identified language's words clearly outweigh the others. */
#define LANGID_STRONG_LETTERS 300
#define LANGID_STRONG_HITS 20

static int script_of(uint32_t cp)
{
    if (cp < 0x80)
        return ((cp | 32) >= 'a' && (cp | 32) <= 'z') ? LANGID_SCRIPT_LATN : -1;
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF))
        return LANGID_SCRIPT_LATN;
    if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF))
        return LANGID_SCRIPT_GREK;
    if (cp >= 0x400 && cp <= 0x52F)
        return LANGID_SCRIPT_CYRL;
    if ((cp >= 0x5D0 && cp <= 0x5F2) || (cp >= 0xFB1D && cp <= 0xFB4F))
        return LANGID_SCRIPT_HEBR;
    if ((cp >= 0x620 && cp <= 0x64A) || (cp >= 0x66E && cp <= 0x6D3) ||
        (cp >= 0x750 && cp <= 0x77F) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return LANGID_SCRIPT_ARAB;
    if (cp >= 0x900 && cp <= 0x97F)
        return LANGID_SCRIPT_DEVA;
    if (cp >= 0xE00 && cp <= 0xE7F)
        return LANGID_SCRIPT_THAI;
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
        (cp >= 0xAC00 && cp <= 0xD7AF))
        return LANGID_SCRIPT_KORE;
    if ((cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB && cp != 0x30FC) ||
        (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9D))
        return LANGID_SCRIPT_JPAN;
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF))
        return LANGID_SCRIPT_HANI;
    return -1;
}

/* Lowercase, and one form for the Arabic-script letters Arabic and
 * Persian encode differently (as scripts/gen-langid.py folds its lists). */
static uint32_t fold_cp(uint32_t cp)
{
    if (cp == 0x64A || cp == 0x649)
        return 0x6CC;
    if (cp == 0x643)
        return 0x6A9;
    return utf8_lower(cp);
}

/* FNV-1a, as the generator computes it. */
#define FNV_OFFSET 0x811C9DC5u
#define FNV_PRIME 0x01000193u

static const struct langid_slot *word_lookup(uint32_t hash)
{
    for (uint32_t j = hash & (LANGID_WORD_SLOTS - 1);; j = (j + 1) & (LANGID_WORD_SLOTS - 1)) {
        const struct langid_slot *s = &langid_slots[j];
        if (!s->hash)
            return NULL;
        if (s->hash == hash)
            return s;
    }
}

static size_t letter_lookup(uint32_t cp)
{
    size_t lo = 0, hi = LETTER_COUNT;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (langid_letters[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < LETTER_COUNT && langid_letters[lo].cp == cp ? lo : LETTER_COUNT;
}

/* The best-scoring language written in `script`, and the runner-up. */
static int best_of_script(const langid_result *r, int script, int *second)
{
    int best = -1;
    *second = -1;
    for (int i = 0; i < LANGID_LANGS; i++) {
        if (langid_langs[i].script != script)
            continue;
        if (best < 0 || r->scores[i] > r->scores[best]) {
            *second = best;
            best = i;
        } else if (*second < 0 || r->scores[i] > r->scores[*second]) {
            *second = i;
        }
    }
    return best;
}

void langid_guess(const char *text, size_t len, langid_result *out)
{
    memset(out, 0, sizeof *out);
    if (len > LANGID_MAX_TEXT)
        len = LANGID_MAX_TEXT;
    unsigned per_script[LANGID_SCRIPT__COUNT] = {0};
    uint8_t seen_letter[LETTER_COUNT] = {0};
    const unsigned char *p = (const unsigned char *)text;
    uint32_t hash = FNV_OFFSET;
    size_t word_bytes = 0;
    for (size_t i = 0; i <= len;) {
        size_t adv = 1;
        int script = -1;
        uint32_t cp = i < len ? p[i] : ' ';
        if (cp < 0x80) {
            /* The ASCII fast path: most of the web's text. */
            if ((cp | 32) >= 'a' && (cp | 32) <= 'z') {
                per_script[LANGID_SCRIPT_LATN]++;
                out->letters++;
                hash = (hash ^ (cp | 32)) * FNV_PRIME;
                word_bytes++;
                i++;
                continue;
            }
        } else {
            cp = utf8_decode(p + i, len - i, &adv);
            script = script_of(cp);
        }
        if (script >= 0) {
            /* An ideograph or a Hangul syllable carries as much as a
             * short word: counted thrice against alphabets, so that a
             * Japanese page quoting English terms stays Japanese. */
            per_script[script] += script >= LANGID_SCRIPT_JPAN ? 3 : 1;
            out->letters++;
            uint32_t f = fold_cp(cp);
            size_t k = letter_lookup(f);
            if (k < LETTER_COUNT && !seen_letter[k]) {
                seen_letter[k] = 1;
                for (; k < LETTER_COUNT && langid_letters[k].cp == f; k++)
                    out->scores[langid_letters[k].lang] += langid_letters[k].weight;
            }
            char enc[4];
            size_t n = utf8_encode(f, enc);
            for (size_t b = 0; b < n; b++)
                hash = (hash ^ (unsigned char)enc[b]) * FNV_PRIME;
            word_bytes += n;
        } else if (word_bytes) {
            /* A word ends: marks inside words (Devanagari vowel signs)
             * end it too, which only matters for scripts decided alone. */
            const struct langid_slot *s = word_bytes <= LANGID_WORD_MAX ? word_lookup(hash) : NULL;
            if (s) {
                out->hits++;
                for (unsigned w = 0; w < s->count; w++) {
                    const struct langid_weight *x = &langid_weights[s->first + w];
                    out->scores[x->lang] += x->weight;
                }
            }
            hash = FNV_OFFSET;
            word_bytes = 0;
        }
        i += adv;
    }
    unsigned weighted = 0;
    for (int k = 0; k < LANGID_SCRIPT__COUNT; k++)
        weighted += per_script[k];
    if (weighted < LANGID_MIN_LETTERS)
        return;

    /* Scripts that name their language. */
    unsigned cjk = per_script[LANGID_SCRIPT_JPAN] + per_script[LANGID_SCRIPT_HANI];
    unsigned share = weighted * LANGID_SCRIPT_SHARE / 100;
    const char *by_script = NULL;
    unsigned script_letters = 0;
    if (per_script[LANGID_SCRIPT_KORE] > share) {
        by_script = "ko";
        script_letters = per_script[LANGID_SCRIPT_KORE];
    } else if (cjk > share) {
        by_script = per_script[LANGID_SCRIPT_JPAN] * 100 >= cjk * LANGID_KANA_SHARE ? "ja" : "zh";
        script_letters = cjk;
    } else {
        static const struct {
            uint8_t script;
            const char *code;
        } alone[] = {{LANGID_SCRIPT_THAI, "th"},
                     {LANGID_SCRIPT_HEBR, "he"},
                     {LANGID_SCRIPT_GREK, "el"},
                     {LANGID_SCRIPT_DEVA, "hi"}};
        for (size_t k = 0; k < sizeof alone / sizeof *alone; k++) {
            if (per_script[alone[k].script] > share &&
                per_script[alone[k].script] > script_letters) {
                by_script = alone[k].code;
                script_letters = per_script[alone[k].script];
            }
        }
    }
    if (by_script) {
        out->code = by_script;
        out->strong = script_letters * 2 > weighted && script_letters >= LANGID_STRONG_LETTERS / 2;
        return;
    }

    /* Shared scripts: the words decide, within the script most letters are
     * in. */
    static const uint8_t shared[] = {LANGID_SCRIPT_LATN, LANGID_SCRIPT_CYRL, LANGID_SCRIPT_ARAB};
    int script = -1;
    for (size_t k = 0; k < sizeof shared / sizeof *shared; k++) {
        if (per_script[shared[k]] > share &&
            (script < 0 || per_script[shared[k]] > per_script[script]))
            script = shared[k];
    }
    if (script < 0 || out->hits < LANGID_MIN_HITS)
        return;
    int runner_up;
    int best = best_of_script(out, script, &runner_up);
    unsigned second = runner_up >= 0 ? out->scores[runner_up] : 0;
    /* A clear winner: a fifth ahead of the runner-up; between close
     * languages (Danish and Norwegian) ahead at all is enough, the
     * answer is one of them either way. */
    if (best < 0 || out->scores[best] <= second)
        return;
    if (out->scores[best] * 4 < second * 5 &&
        !langid_close(langid_langs[best].code, langid_langs[runner_up].code))
        return;
    out->code = langid_langs[best].code;
    out->strong = out->letters >= LANGID_STRONG_LETTERS && out->hits >= LANGID_STRONG_HITS &&
                  out->scores[best] >= 2 * second;
}

int langid_index(const char *code, size_t len)
{
    for (int i = 0; i < LANGID_LANGS; i++) {
        if (ascii_ieq(code, len, langid_langs[i].code))
            return i;
    }
    return -1;
}

static int name_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct langid_name *)elem)->name);
}

const char *langid_code_of_name(const char *s, size_t len)
{
    char key[64];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t adv = 1;
        uint32_t cp = p[i] < 0x80 ? p[i] : utf8_decode(p + i, len - i, &adv);
        i += adv;
        if (n + 4 >= sizeof key)
            return NULL;
        n += utf8_encode(fold_cp(cp), key + n);
    }
    key[n] = '\0';
    const struct langid_name *m =
        bsearch(key, langid_names, sizeof langid_names / sizeof *langid_names, sizeof *langid_names,
                name_cmp);
    return m ? langid_langs[m->lang].code : NULL;
}

int langid_close(const char *a, const char *b)
{
    /* Groups of close languages, space-separated codes. */
    static const char *const groups[] = {
        " no nb nn da ", " hr bs sr sl sh ", " id ms ", " cs sk ", " es ca gl pt ",
    };
    if (!a || !b || strlen(a) > 3 || strlen(b) > 3)
        return 0;
    char ka[6], kb[6];
    ka[0] = kb[0] = ' ';
    size_t la = strlen(a), lb = strlen(b);
    for (size_t i = 0; i < la; i++)
        ka[1 + i] = ascii_lower(a[i]);
    for (size_t i = 0; i < lb; i++)
        kb[1 + i] = ascii_lower(b[i]);
    ka[1 + la] = kb[1 + lb] = ' ';
    ka[2 + la] = kb[2 + lb] = '\0';
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        if (strstr(groups[g], ka) && strstr(groups[g], kb))
            return 1;
    }
    return 0;
}

const char *langid_script_of(const char *code, size_t len)
{
    int i = langid_index(code, len);
    return i < 0 ? NULL : script_names[langid_langs[i].script];
}
