/* replay.c — runs a fuzz target's entry point on files, without
 * libFuzzer: every input that once crashed a target stays a test
 * (make check runs them; under SAN=1 with the sanitizers). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        uint8_t *data = NULL;
        size_t len = 0, cap = 0;
        for (;;) {
            if (len == cap) {
                cap = cap ? cap * 2 : 65536;
                uint8_t *p = realloc(data, cap);
                if (!p) {
                    fclose(f);
                    free(data);
                    return 2;
                }
                data = p;
            }
            size_t r = fread(data + len, 1, cap - len, f);
            len += r;
            if (!r)
                break;
        }
        fclose(f);
        LLVMFuzzerTestOneInput(data, len);
        free(data);
    }
    return 0;
}
