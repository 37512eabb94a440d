package dev.nitroattest.proxy.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'' | CBOR",
        "*/* | CBOR",
        "application/cbor | CBOR",
        "application/json | JSON",
        "APPLICATION/JSON ; charset=utf-8 | JSON",
        "text/html, application/json;q=0.9 | JSON",
        "application/json;q=0.4, application/cbor;q=0.5 | CBOR",
        "application/json;q=0.6, application/cbor;q=0.5 | JSON",
        "application/json, application/cbor | CBOR",
        "application/json;q=0 | CBOR",
        "application/json;q=abc | CBOR",
        "application/json;q=2 | CBOR"})
    void jsonOnlyWhenPreferredOverCbor(String accept, ResponseFormat expected) {
        assertEquals(expected, ResponseFormat.choose(accept.isEmpty() ? List.of() : List.of(accept)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"application/cbor;q=0.1 | application/json | JSON",
        "application/json | application/cbor | CBOR"})
    void severalAcceptHeadersAreReadTogether(String first, String second, ResponseFormat expected) {
        assertEquals(expected, ResponseFormat.choose(List.of(first, second)));
    }
}
