/* encodings.c — the encodings pith knows, their labels, and how each one
 * is converted. */
#include <string.h>

#include "decode/decode.h"
#include "decode/internal.h"

/* One row per encoding of WHATWG Encoding § 4.2 "Names and labels", in its
 * order (the dec_encoding order), with all of that table's labels,
 * space-separated, lowercase.
 *
 * `iconv` names the glibc converter; NULL for the encodings convert.c
 * decodes itself. Where glibc's converter of the same name falls short of
 * what browsers decode, a superset stands in:
 *   - GBK: the Encoding Standard's GBK decoder *is* the gb18030 decoder;
 *   - Big5: the standard's index is Big5-HKSCS;
 *   - EUC-JP, Shift_JIS: the standard's jis0208 index holds the NEC and IBM
 *     rows (circled digits, Roman numerals...) that glibc's EUC-JP and
 *     SHIFT_JIS reject and EUC-JP-MS and CP932 accept;
 *   - ISO-2022-JP: the standard's decoder accepts half-width katakana
 *     (ESC ( I), which glibc's ISO-2022-JP-2 does and ISO-2022-JP does not;
 *   - EUC-KR: the standard's index is Windows code page 949 (CP949);
 *   - KOI8-U: the standard's index has Ў/ў at 0xBE/0xAE, which is KOI8-RU. */
static const struct encoding {
    const char *name;
    const char *iconv;
    const char *labels;
} encodings[DEC_ENCODING_COUNT] = {
    [DEC_UTF_8] = {"UTF-8", NULL,
                   "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
    [DEC_IBM866] = {"IBM866", "IBM866", "866 cp866 csibm866 ibm866"},
    [DEC_ISO_8859_2] = {"ISO-8859-2", "ISO-8859-2",
                        "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
                        "iso_8859-2:1987 l2 latin2"},
    [DEC_ISO_8859_3] = {"ISO-8859-3", "ISO-8859-3",
                        "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
                        "iso_8859-3:1988 l3 latin3"},
    [DEC_ISO_8859_4] = {"ISO-8859-4", "ISO-8859-4",
                        "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
                        "iso_8859-4:1988 l4 latin4"},
    [DEC_ISO_8859_5] = {"ISO-8859-5", "ISO-8859-5",
                        "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
                        "iso_8859-5 iso_8859-5:1988"},
    [DEC_ISO_8859_6] = {"ISO-8859-6", "ISO-8859-6",
                        "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
                        "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
                        "iso_8859-6 iso_8859-6:1987"},
    [DEC_ISO_8859_7] = {"ISO-8859-7", "ISO-8859-7",
                        "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
                        "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
    [DEC_ISO_8859_8] = {"ISO-8859-8", "ISO-8859-8",
                        "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
                        "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"},
    [DEC_ISO_8859_8_I] = {"ISO-8859-8-I", "ISO-8859-8", "csiso88598i iso-8859-8-i logical"},
    [DEC_ISO_8859_10] = {"ISO-8859-10", "ISO-8859-10",
                         "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    [DEC_ISO_8859_13] = {"ISO-8859-13", "ISO-8859-13", "iso-8859-13 iso8859-13 iso885913"},
    [DEC_ISO_8859_14] = {"ISO-8859-14", "ISO-8859-14", "iso-8859-14 iso8859-14 iso885914"},
    [DEC_ISO_8859_15] = {"ISO-8859-15", "ISO-8859-15",
                         "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    [DEC_ISO_8859_16] = {"ISO-8859-16", "ISO-8859-16", "iso-8859-16"},
    [DEC_KOI8_R] = {"KOI8-R", "KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r"},
    [DEC_KOI8_U] = {"KOI8-U", "KOI8-RU", "koi8-ru koi8-u"},
    [DEC_MACINTOSH] = {"macintosh", "MACINTOSH", "csmacintosh mac macintosh x-mac-roman"},
    [DEC_WINDOWS_874] = {"windows-874", "CP874",
                         "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    [DEC_WINDOWS_1250] = {"windows-1250", "CP1250", "cp1250 windows-1250 x-cp1250"},
    [DEC_WINDOWS_1251] = {"windows-1251", "CP1251", "cp1251 windows-1251 x-cp1251"},
    [DEC_WINDOWS_1252] = {"windows-1252", NULL,
                          "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
                          "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 "
                          "us-ascii windows-1252 x-cp1252"},
    [DEC_WINDOWS_1253] = {"windows-1253", "CP1253", "cp1253 windows-1253 x-cp1253"},
    [DEC_WINDOWS_1254] = {"windows-1254", "CP1254",
                          "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 "
                          "iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"},
    [DEC_WINDOWS_1255] = {"windows-1255", "CP1255", "cp1255 windows-1255 x-cp1255"},
    [DEC_WINDOWS_1256] = {"windows-1256", "CP1256", "cp1256 windows-1256 x-cp1256"},
    [DEC_WINDOWS_1257] = {"windows-1257", "CP1257", "cp1257 windows-1257 x-cp1257"},
    [DEC_WINDOWS_1258] = {"windows-1258", "CP1258", "cp1258 windows-1258 x-cp1258"},
    [DEC_X_MAC_CYRILLIC] = {"x-mac-cyrillic", "MAC-CYRILLIC", "x-mac-cyrillic x-mac-ukrainian"},
    [DEC_GBK] = {"GBK", "GB18030",
                 "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk"},
    [DEC_GB18030] = {"gb18030", "GB18030", "gb18030"},
    [DEC_BIG5] = {"Big5", "BIG5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    [DEC_EUC_JP] = {"EUC-JP", "EUC-JP-MS", "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    [DEC_ISO_2022_JP] = {"ISO-2022-JP", "ISO-2022-JP-2", "csiso2022jp iso-2022-jp"},
    [DEC_SHIFT_JIS] = {"Shift_JIS", "CP932",
                       "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
    [DEC_EUC_KR] = {"EUC-KR", "CP949",
                    "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
                    "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"},
    [DEC_REPLACEMENT] = {"replacement", NULL,
                         "csiso2022kr hz-gb-2312 iso-2022-cn iso-2022-cn-ext iso-2022-kr "
                         "replacement"},
    [DEC_UTF_16BE] = {"UTF-16BE", NULL, "unicodefffe utf-16be"},
    [DEC_UTF_16LE] = {"UTF-16LE", NULL,
                      "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
    [DEC_X_USER_DEFINED] = {"x-user-defined", NULL, "x-user-defined"},
};

/* The longest label is 19 bytes ("cseucpkdfmtjapanese"); anything longer
 * than this cannot match and is not copied. */
#define LABEL_MAX 32

static int is_ascii_ws(unsigned char b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r';
}

/* 1 when the space-separated list holds the token key[0..n). */
static int list_has(const char *list, const char *key, size_t n)
{
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, key, n) == 0)
            return 1;
        if (!end)
            break;
        p = end + 1;
    }
    return 0;
}

int dec_label_lookup(const char *label, size_t len)
{
    if (!label)
        return -1;
    /* Encoding § 4.2 "get an encoding": strip leading and trailing ASCII
     * whitespace, then match ASCII case-insensitively. */
    const unsigned char *s = (const unsigned char *)label;
    while (len && is_ascii_ws(s[0])) {
        s++;
        len--;
    }
    while (len && is_ascii_ws(s[len - 1]))
        len--;
    if (len == 0 || len > LABEL_MAX)
        return -1;
    char key[LABEL_MAX];
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ' || s[i] == '\0')
            return -1; /* would split or end a table token */
        key[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : (char)s[i];
    }
    for (int e = 0; e < DEC_ENCODING_COUNT; e++) {
        if (list_has(encodings[e].labels, key, len))
            return e;
    }
    return -1;
}

const char *dec_encoding_name(int e)
{
    return e >= 0 && e < DEC_ENCODING_COUNT ? encodings[e].name : "";
}

const char *dec_iconv_name(int e)
{
    return e >= 0 && e < DEC_ENCODING_COUNT ? encodings[e].iconv : NULL;
}

const char *dec_source_name(dec_source s)
{
    static const char *const names[] = {
        [DEC_SOURCE_BOM] = "bom",
        [DEC_SOURCE_UTF8_VALID] = "utf8-valid",
        [DEC_SOURCE_TRANSPORT] = "transport",
        [DEC_SOURCE_META_PRESCAN] = "meta-prescan",
        [DEC_SOURCE_META_IN_PARSE] = "meta-in-parse",
        [DEC_SOURCE_DETECTOR] = "detector",
        [DEC_SOURCE_DEFAULT] = "default",
    };
    return (unsigned)s < sizeof names / sizeof *names ? names[s] : "";
}

int dec_utf8(void)
{
    return DEC_UTF_8;
}
int dec_windows1252(void)
{
    return DEC_WINDOWS_1252;
}
int dec_is_utf16(int e)
{
    return e == DEC_UTF_16BE || e == DEC_UTF_16LE;
}
