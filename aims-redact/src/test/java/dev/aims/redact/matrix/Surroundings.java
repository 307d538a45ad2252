package dev.aims.redact.matrix;

import java.util.List;

/**
 * The places a value is written in: a template with {@code {L}} for a word that names the value and {@code {V}}
 * for the value. The held-out ones were kept out of development and are reported apart, as a measure of shapes the
 * matrix did not tune to.
 */
final class Surroundings {
    /** A surrounding: its name, its template, whether it was held out. */
    record Surrounding(String name, String template, boolean heldOut) {
        /** @return the text with label and value put in, and the value's start */
        Placed place(String label, String value) {
            String t = template.replace("{L}", label);
            int v = t.indexOf("{V}");
            return new Placed(t.substring(0, v) + value + t.substring(v + 3), v);
        }
    }

    /** A text and the index its value starts at. */
    record Placed(String text, int start) {
    }

    static final List<Surrounding> ALL = List.of(
            dev("csv", "id,name,{L},note\n17,Jane Roe,{V},ok\n"),
            dev("csvFirstCell", "{V},Jane Roe,17\n"),
            dev("tsv", "17\tJane Roe\t{V}\tok\n"),
            dev("jsonValue", "{\"user\": \"j.roe\", \"{L}\": \"{V}\", \"ok\": true}"),
            dev("jsonKey", "{\"{V}\": {\"seen\": 3}}"),
            dev("yaml", "customer:\n  name: Jane Roe\n  {L}: {V}\n"),
            dev("xml", "<customer><{L}>{V}</{L}></customer>"),
            dev("html", "<tr><td>Jane</td><td>{V}</td></tr>"),
            dev("urlQuery", "GET https://shop.example.net/api?{L}={V}&lang=en HTTP/1.1"),
            dev("markdownTable", "| name | {L} |\n|---|---|\n| Jane | {V} |\n"),
            dev("logLine", "2024-03-11T10:22:01.512Z INFO  [req-7f3a] user={V} action=login status=200"),
            dev("keyValue", "{L}={V}"),
            dev("gluedDash", "{L}-{V}"),
            dev("gluedHash", "{L}#{V}"),
            dev("gluedColon", "{L}:{V}"),
            dev("doubleQuotes", "he wrote \"{V}\" on the form"),
            dev("singleQuotes", "value '{V}' was rejected"),
            dev("parentheses", "the {L} ({V}) is on file"),
            dev("brackets", "[{V}]"),
            dev("lineStart", "{V} is the one we have\nthanks"),
            dev("lineEnd", "the one we have is\n{V}"),
            dev("sentenceEnd", "The {L} we have on file is {V}."),
            dev("german", "Bitte prüfen Sie die Angabe {V}, danke schön."),
            dev("french", "Voici la donnée : {V} ; merci d'avance."),
            held("sqlInsert", "INSERT INTO customers VALUES (42, 'Jane', '{V}');"),
            held("pythonDict", "record = {'{L}': '{V}', 'active': True}"),
            held("shellExport", "export CUSTOMER_{L}={V}"),
            held("mailHeader", "From: support\nX-{L}: {V}\nSubject: refund"),
            held("spanish", "Mi número es {V}; ¿puede comprobarlo?"),
            held("htmlAttribute", "<input name=\"{L}\" value=\"{V}\">"),
            held("stackTrace", "java.lang.IllegalStateException: bad input {V}\n\tat com.acme.Foo.bar(Foo.java:42)"),
            held("tsvQuoted", "\"17\"\t\"{V}\"\t\"ok\""));

    private Surroundings() {
    }

    private static Surrounding dev(String name, String template) {
        return new Surrounding(name, template, false);
    }

    private static Surrounding held(String name, String template) {
        return new Surrounding(name, template, true);
    }
}
