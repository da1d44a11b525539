/* fuzz_decode.c — charset sniffing and conversion alone.
 *
 * The first byte picks a transport charset label (or none); the output
 * must be valid UTF-8 without NUL bytes, whatever the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"
#include "decode/decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const hints[] = {NULL,        "utf-8",      "windows-1252", "shift_jis",
                                        "gb2312",    "euc-kr",     "big5",         "utf-16le",
                                        "utf-16be",  "iso-2022-jp", "koi8-r",      "x-user-defined",
                                        "iso-8859-2", "replacement", "euc-jp",     "bogus"};
    if (size < 1)
        return 0;
    dec_ctx *c = dec_ctx_new();
    if (!c)
        return 0;
    dec_decision d;
    dec_sniff(c, data + 1, size - 1, hints[data[0] % 16], &d);
    buf out = {0};
    if (d.bom_len <= size - 1 &&
        !dec_convert(c, data + 1 + d.bom_len, size - 1 - d.bom_len, d.encoding, &out)) {
        int multi;
        if (utf8_valid_prefix((const unsigned char *)out.data, out.len, &multi) != out.len ||
            (out.len && memchr(out.data, 0, out.len)))
            abort(); /* decode promised valid UTF-8 without NUL */
    }
    buf_free(&out);
    dec_ctx_free(c);
    return 0;
}
