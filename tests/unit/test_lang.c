/* test_lang.c — BCP 47 normalisation, the language identifier
 * (src/meta/langid.c) and the decision between declared and identified
 * languages (src/meta/lang.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "extract/extract.h"
#include "meta/langid.h"
#include "meta/meta.h"
#include "parse/parse.h"

size_t meta_lang_normalise(const char *s, size_t len, char *out);

static parse_ctx parser;
static tree_doc doc;
static vec marks;
static arena strings;

static int setup(void **state)
{
    (void)state;
    tree_doc_init(&doc);
    arena_init(&strings, 0);
    return parse_ctx_init(&parser, &parse_backend_libxml2);
}

static int teardown(void **state)
{
    (void)state;
    parse_ctx_free(&parser);
    tree_doc_free(&doc);
    vec_free(&marks);
    arena_free(&strings);
    return 0;
}

/* ---- normalisation ---------------------------------------------------- */

static void test_normalise(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"de", "de"},
        {"de_DE", "de-DE"},
        {"EN-us", "en-US"},
        {"en-gb", "en-GB"},
        {"pt_br", "pt-BR"},
        {"zh-hans-cn", "zh-Hans-CN"},
        {"sr-latn", "sr-Latn"},
        {"es-419", "es-419"},
        {"en-US-x-twain", "en-US"},
        {"de-CH-1996", "de-CH"},
        {" \"fr\" ", "fr"},
        {"en-US,en;q=0.9", "en-US"},
        {"da, en", "da"},
        {"German", "de"},
        {"Deutsch", "de"},
        {"français", "fr"},
        {"ESPAÑOL", "es"},
        {"deu", "de"},
        {"ger", "de"},
        {"eng-US", "en-US"},
        {"fil", "fil"},
        {"iw", "he"},
        {"in-ID", "id-ID"},
        {"und", ""},
        {"zxx", ""},
        {"x-klingon", ""},
        {"{{lang}}", ""},
        {"e", ""},
        {"english2", ""},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[64];
        size_t n = meta_lang_normalise(cases[i][0], strlen(cases[i][0]), out);
        if (!n)
            out[0] = '\0';
        if (strcmp(out, cases[i][1]))
            fail_msg("\"%s\": \"%s\", want \"%s\"", cases[i][0], out, cases[i][1]);
    }
}

/* ---- identification --------------------------------------------------- */

static const char *guess(const char *text)
{
    langid_result r;
    langid_guess(text, strlen(text), &r);
    return r.code ? r.code : "-";
}

/* A few sentences of news prose per language: each must be identified. */
static void test_languages(void **state)
{
    (void)state;
    static const char *const texts[][2] = {
        {"en", "The government said on Thursday that it would not change the plan, because the "
               "money had already been spent and there was no time left for another vote."},
        {"de", "Die Regierung teilte am Donnerstag mit, dass sie den Plan nicht ändern werde, weil "
               "das Geld bereits ausgegeben sei und keine Zeit mehr für eine weitere Abstimmung "
               "bleibe."},
        {"fr", "Le gouvernement a indiqué jeudi qu'il ne modifierait pas le projet, car l'argent "
               "avait déjà été dépensé et qu'il ne restait plus de temps pour un autre vote."},
        {"es", "El gobierno dijo el jueves que no cambiaría el plan, porque el dinero ya se había "
               "gastado y no quedaba tiempo para otra votación en el parlamento."},
        {"it", "Il governo ha detto giovedì che non cambierà il piano, perché i soldi sono già "
               "stati spesi e non c'è più tempo per un altro voto in parlamento."},
        {"nl", "De regering zei donderdag dat zij het plan niet zal veranderen, omdat het geld al "
               "is uitgegeven en er geen tijd meer is voor een nieuwe stemming."},
        {"pt", "O governo disse na quinta-feira que não vai mudar o plano, porque o dinheiro já "
               "foi gasto e não há mais tempo para uma nova votação no parlamento."},
        {"pl", "Rząd poinformował w czwartek, że nie zmieni planu, ponieważ pieniądze zostały już "
               "wydane i nie ma czasu na kolejne głosowanie w parlamencie."},
        {"cs", "Vláda ve čtvrtek uvedla, že plán nezmění, protože peníze už byly utraceny a na "
               "další hlasování v parlamentu není čas. Podle ministra to bylo jasné."},
        {"sk", "Vláda vo štvrtok uviedla, že plán nezmení, pretože peniaze už boli minuté a na "
               "ďalšie hlasovanie v parlamente nie je čas. Podľa ministra to bolo jasné."},
        {"sv", "Regeringen sade på torsdagen att den inte kommer att ändra planen, eftersom "
               "pengarna redan har använts och det inte finns tid för en ny omröstning."},
        {"da", "Regeringen sagde torsdag, at den ikke vil ændre planen, fordi pengene allerede er "
               "brugt, og der ikke er tid til en ny afstemning i folketinget."},
        {"no", "Regjeringen sa torsdag at den ikke vil endre planen, fordi pengene allerede er "
               "brukt, og det er ikke tid til en ny avstemning i Stortinget etter dette."},
        {"fi", "Hallitus sanoi torstaina, että se ei muuta suunnitelmaa, koska rahat on jo "
               "käytetty eikä uudelle äänestykselle ole enää aikaa eduskunnassa."},
        {"tr", "Hükümet perşembe günü yaptığı açıklamada planı değiştirmeyeceğini, çünkü paranın "
               "zaten harcandığını ve yeni bir oylama için zaman kalmadığını söyledi."},
        {"hu", "A kormány csütörtökön azt mondta, hogy nem változtat a terven, mert a pénzt már "
               "elköltötték, és nincs idő egy újabb szavazásra a parlamentben."},
        {"ro", "Guvernul a declarat joi că nu va schimba planul, pentru că banii au fost deja "
               "cheltuiți și nu mai este timp pentru un alt vot în parlament."},
        {"hr", "Vlada je u četvrtak rekla da neće promijeniti plan, jer je novac već potrošen i "
               "nema više vremena za novo glasovanje u saboru. Ministar je to potvrdio."},
        {"vi", "Chính phủ cho biết vào thứ Năm rằng họ sẽ không thay đổi kế hoạch, vì tiền đã "
               "được chi tiêu và không còn thời gian cho một cuộc bỏ phiếu khác."},
        {"id", "Pemerintah mengatakan pada hari Kamis bahwa mereka tidak akan mengubah rencana "
               "tersebut, karena uangnya sudah dibelanjakan dan tidak ada waktu lagi."},
        {"ru", "Правительство заявило в четверг, что не будет менять план, потому что деньги уже "
               "потрачены и времени на новое голосование больше нет."},
        {"uk", "Уряд заявив у четвер, що не змінюватиме план, тому що гроші вже витрачені і часу "
               "на нове голосування більше немає. Про це повідомили журналістам."},
        {"bg", "Правителството заяви в четвъртък, че няма да променя плана, защото парите вече "
               "са похарчени и няма време за ново гласуване в парламента."},
        {"ar", "قالت الحكومة يوم الخميس إنها لن تغير الخطة، لأن الأموال قد أنفقت بالفعل ولم يعد "
               "هناك وقت لتصويت آخر في البرلمان على هذا القرار."},
        {"fa", "دولت روز پنجشنبه اعلام کرد که این برنامه را تغییر نمی دهد، زیرا پول ها قبلا خرج "
               "شده است و دیگر وقتی برای رای گیری دوباره در مجلس نیست."},
        {"he", "הממשלה אמרה ביום חמישי כי לא תשנה את התוכנית, משום שהכסף כבר הוצא ואין עוד זמן "
               "להצבעה נוספת בכנסת."},
        {"el", "Η κυβέρνηση δήλωσε την Πέμπτη ότι δεν θα αλλάξει το σχέδιο, επειδή τα χρήματα "
               "έχουν ήδη δαπανηθεί και δεν υπάρχει χρόνος για νέα ψηφοφορία."},
        {"hi", "सरकार ने गुरुवार को कहा कि वह योजना में बदलाव नहीं करेगी, क्योंकि पैसा पहले ही खर्च "
               "हो चुका है और दूसरे मतदान के लिए समय नहीं बचा है।"},
        {"th", "รัฐบาลกล่าวเมื่อวันพฤหัสบดีว่าจะไม่เปลี่ยนแผน เพราะเงินถูกใช้ไปแล้ว "
               "และไม่มีเวลาสำหรับการลงคะแนนเสียงอีกครั้งในรัฐสภา"},
        {"ja", "政府は木曜日、資金はすでに使われており、再投票の時間もないため、計画を変更しないと"
               "述べた。議会では野党がこれに反発している。"},
        {"zh", "政府星期四表示，不会改变这项计划，因为资金已经花掉，也没有时间再进行一次投票。"
               "议会中的反对党对此表示强烈不满。"},
        {"ko", "정부는 목요일 자금이 이미 사용되었고 다시 투표할 시간이 없기 때문에 계획을 "
               "변경하지 않겠다고 밝혔다. 야당은 이에 강하게 반발했다."},
        {"ca",
         "El govern va dir dijous que no canviarà el pla, perquè els diners ja s'han gastat i "
         "no hi ha temps per a una altra votació al parlament."},
        {"sl",
         "Vlada je v četrtek sporočila, da načrta ne bo spremenila, ker je denar že porabljen "
         "in ni več časa za novo glasovanje v parlamentu. To je tudi potrdil minister."},
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *got = guess(texts[i][1]);
        if (strcmp(got, texts[i][0]))
            fail_msg("%s text identified as %s", texts[i][0], got);
    }
}

/* Short texts make no guess. */
static void test_short_texts(void **state)
{
    (void)state;
    assert_string_equal(guess(""), "-");
    assert_string_equal(guess("Hallo Welt"), "-");
    assert_string_equal(guess("Home | News | Sport | Kontakt | Impressum"), "-");
    assert_string_equal(guess("2019-11-20 12:30 1234567890 +++ ### ..."), "-");
    /* long enough, but no function words: names and numbers */
    assert_string_equal(guess("Lionel Messi, Cristiano Ronaldo, Kylian Mbappé, Erling Haaland, "
                              "Kevin De Bruyne, Mohamed Salah, Robert Lewandowski"),
                        "-");
}

/* CJK: kana among the ideographs make Japanese; an English text quoting
 * Japanese terms stays English. */
static void test_cjk(void **state)
{
    (void)state;
    assert_string_equal(guess("個人的にWebAssemblyには強く期待しており、その中でもGoが有力だと"
                              "感じています。DOMやJavaScript APIが使えるからです。"),
                        "ja");
    assert_string_equal(guess("Chikan (痴漢) is the word for groping on trains, and the police "
                              "say that it is one of the most common crimes in the city of "
                              "Tokyo (東京), where women-only cars (女性専用車両) were set up."),
                        "en");
    assert_string_equal(guess("我们今天要讨论的是人工智能在医疗领域的应用，以及它对医生和病人"
                              "的影响。"),
                        "zh");
}

static void test_names_and_close(void **state)
{
    (void)state;
    assert_string_equal(langid_code_of_name("GERMAN", 6), "de");
    assert_string_equal(langid_code_of_name("nederlands", 10), "nl");
    assert_null(langid_code_of_name("klingon", 7));
    assert_true(langid_close("no", "da"));
    assert_true(langid_close("nb", "no"));
    assert_true(langid_close("hr", "sr"));
    assert_false(langid_close("de", "nl"));
    assert_false(langid_close("en", "de"));
    assert_string_equal(langid_script_of("ru", 2), "Cyrl");
    assert_string_equal(langid_script_of("ja", 2), "Jpan");
    assert_null(langid_script_of("eu", 2));
    assert_true(langid_index("de", 2) >= 0);
    assert_int_equal(langid_index("xx", 2), -1);
}

/* ---- declared and identified ------------------------------------------ */

static meta_record rec;

static const char *german =
    "<p>Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, das die Rechte der "
    "Mieter in den großen Städten stärken soll. Nach Angaben des Ministeriums sollen die Mieten "
    "in den kommenden Jahren nicht mehr so stark steigen wie bisher.</p><p>Die Opposition "
    "kritisierte, dass die Regelungen nicht weit genug gingen und viele Fragen offen blieben. "
    "Auch die Verbände der Vermieter äußerten sich skeptisch, weil sie weniger Investitionen in "
    "den Wohnungsbau befürchten. Der Bundestag soll noch vor der Sommerpause über das Gesetz "
    "abstimmen, das dann im nächsten Jahr in Kraft treten könnte.</p>";

/* Runs meta_find_language on a page whose <article> is kept. */
static void run(const char *html_attrs, const char *body, const meta_lang_hint *hints, size_t count,
                const char *content_language)
{
    char html[8192];
    snprintf(html, sizeof html, "<html%s><body><nav>Start</nav><article>%s</article></body></html>",
             html_attrs, body);
    parse_limits lim = {1 << 22, 512, 1 << 20};
    assert_int_equal(
        parse_document(&parser, (const unsigned char *)html, strlen(html), NULL, &lim, &doc),
        PARSE_OK);
    uint32_t n = tree_node_count(&doc);
    vec_reset(&marks);
    assert_int_equal(vec_reserve(&marks, 1, n), 0);
    memset(marks.items, EXT_NONE, n);
    marks.len = n;
    uint8_t *m = marks.items;
    for (node_id i = 1; i < n; i++) {
        if (tree_is_element(&doc, i, TAG_ARTICLE))
            m[i] = EXT_KEEP;
    }
    arena_reset(&strings);
    memset(&rec, 0, sizeof rec);
    meta_input in = {.doc = &doc, .marks = m, .content_language = content_language, .now = 0};
    assert_int_equal(meta_find_language(&in, hints, count, &strings, &rec), 0);
}

static const char *language(void)
{
    return rec.pub.language ? rec.pub.language : "-";
}
static const char *how(void)
{
    return rec.pub.language_source ? rec.pub.language_source : "-";
}

static void test_declared(void **state)
{
    (void)state;
    run(" lang=\"de-DE\"", german, NULL, 0, NULL);
    assert_string_equal(language(), "de-DE");
    assert_string_equal(how(), "html-lang");
    assert_int_equal(rec.sources[MF_LANGUAGE], META_SRC_HTML_LANG);
    run(" xml:lang=\"de_at\"", german, NULL, 0, NULL);
    assert_string_equal(language(), "de-AT");
    /* hints after <html lang>, Content-Language last */
    const meta_lang_hint hints[] = {{META_SRC_JSON_LD, "de-CH"}, {META_SRC_OPENGRAPH, "de_DE"}};
    run("", german, hints, 2, "de");
    assert_string_equal(language(), "de-CH");
    assert_string_equal(how(), "json-ld");
    run("", german, NULL, 0, "de-LI");
    assert_string_equal(language(), "de-LI");
    assert_string_equal(how(), "http");
    /* a declared language the identifier does not know stays */
    run(" lang=\"lb\"", german, NULL, 0, NULL);
    assert_string_equal(language(), "lb");
    /* an unusable declaration is skipped */
    run(" lang=\"{{locale}}\"", german, NULL, 0, "de");
    assert_string_equal(language(), "de");
    assert_string_equal(how(), "http");
}

static void test_detected(void **state)
{
    (void)state;
    run("", german, NULL, 0, NULL);
    assert_string_equal(language(), "de");
    assert_string_equal(how(), "detected");
    /* too little text: nothing */
    run("", "<p>Hallo Welt</p>", NULL, 0, NULL);
    assert_string_equal(language(), "-");
    assert_null(rec.pub.language_source);
}

/* A wrong <html lang>: German text under lang="en" is German. */
static void test_wrong_declaration(void **state)
{
    (void)state;
    run(" lang=\"en\"", german, NULL, 0, NULL);
    assert_string_equal(language(), "de");
    assert_string_equal(how(), "detected");
    run(" lang=\"en-US\"",
        "<p>我们今天要讨论的是人工智能在医疗领域的应用，以及它对医生和病人的影响。在过去的十年里，"
        "机器学习技术取得了很大的进步，许多医院已经开始使用这些工具来帮助诊断疾病。专家认为，这"
        "些技术在未来还会继续发展，但也带来了隐私和安全方面的问题。政府正在制定新的规定来保护病"
        "人的数据。</p>",
        NULL, 0, NULL);
    assert_string_equal(language(), "zh");
    /* but a German page quoting a little English stays German, and close
     * languages never overrule each other */
    char mixed[4096];
    snprintf(mixed, sizeof mixed, "%s<p>\"We are very happy with the result,\" he said.</p>",
             german);
    run(" lang=\"de\"", mixed, NULL, 0, NULL);
    assert_string_equal(language(), "de");
    run(" lang=\"da\"",
        "<p>Regjeringen sa torsdag at den ikke vil endre planen, fordi pengene allerede er brukt, "
        "og det er ikke tid til en ny avstemning i Stortinget. Statsministeren sier at hun "
        "forstår kritikken, men at det ikke finnes andre muligheter nå. Opposisjonen mener at "
        "regjeringen har mistet kontrollen over budsjettet, og vil ha svar i neste uke. Det er "
        "ikke første gang at saken skaper uro i partiet, og flere av medlemmene har sagt at de "
        "vil stemme mot forslaget hvis det ikke blir endret.</p>",
        NULL, 0, NULL);
    assert_string_equal(language(), "da");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise),       cmocka_unit_test(test_languages),
        cmocka_unit_test(test_short_texts),     cmocka_unit_test(test_cjk),
        cmocka_unit_test(test_names_and_close), cmocka_unit_test(test_declared),
        cmocka_unit_test(test_detected),        cmocka_unit_test(test_wrong_declaration),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
