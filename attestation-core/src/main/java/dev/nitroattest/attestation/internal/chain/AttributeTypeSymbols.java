package dev.nitroattest.attestation.internal.chain;

import java.util.Map;

/**
 * The short names by which a distinguished name's text shows attribute types: the ones Bouncy Castle's BCStyle uses,
 * so that names read as they did when Bouncy Castle decoded certificates ({@code C=US,O=Amazon,CN=...}). A type not
 * here is shown by its dotted OID.
 */
final class AttributeTypeSymbols {
    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"),
            Map.entry("2.5.4.4", "SURNAME"),
            Map.entry("2.5.4.5", "SERIALNUMBER"),
            Map.entry("2.5.4.6", "C"),
            Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.9", "STREET"),
            Map.entry("2.5.4.10", "O"),
            Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.12", "T"),
            Map.entry("2.5.4.13", "DESCRIPTION"),
            Map.entry("2.5.4.15", "BusinessCategory"),
            Map.entry("2.5.4.16", "PostalAddress"),
            Map.entry("2.5.4.17", "PostalCode"),
            Map.entry("2.5.4.20", "TelephoneNumber"),
            Map.entry("2.5.4.41", "Name"),
            Map.entry("2.5.4.42", "GIVENNAME"),
            Map.entry("2.5.4.43", "INITIALS"),
            Map.entry("2.5.4.44", "GENERATION"),
            Map.entry("2.5.4.45", "UniqueIdentifier"),
            Map.entry("2.5.4.46", "DN"),
            Map.entry("2.5.4.65", "Pseudonym"),
            Map.entry("2.5.4.72", "ROLE"),
            Map.entry("2.5.4.97", "organizationIdentifier"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"),
            Map.entry("1.2.840.113549.1.9.1", "E"),
            Map.entry("1.2.840.113549.1.9.2", "unstructuredName"),
            Map.entry("1.2.840.113549.1.9.8", "unstructuredAddress"),
            Map.entry("1.3.36.8.3.14", "NameAtBirth"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.1", "jurisdictionLocality"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.2", "jurisdictionState"),
            Map.entry("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionCountry"),
            Map.entry("1.3.6.1.5.5.7.9.1", "DateOfBirth"),
            Map.entry("1.3.6.1.5.5.7.9.2", "PlaceOfBirth"),
            Map.entry("1.3.6.1.5.5.7.9.3", "Gender"),
            Map.entry("1.3.6.1.5.5.7.9.4", "CountryOfCitizenship"),
            Map.entry("1.3.6.1.5.5.7.9.5", "CountryOfResidence"));

    private AttributeTypeSymbols() {
    }

    /** The type's short name, or its dotted OID. */
    static String of(String dottedOid) {
        return SYMBOLS.getOrDefault(dottedOid, dottedOid);
    }

    /** How many types have a short name. */
    static int count() {
        return SYMBOLS.size();
    }
}
