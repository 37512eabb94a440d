package dev.nitroattest.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FramesTest {
    private static ByteArrayInputStream hex(String hex) {
        return new ByteArrayInputStream(HexFormat.of().parseHex(hex));
    }

    @Test
    void aFrameIsABigEndianLengthThenTheBody() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, new byte[] {(byte) 0xa0});
        assertEquals("00000001a0", HexFormat.of().formatHex(out.toByteArray()));
        assertArrayEquals(new byte[] {(byte) 0xa0}, Frames.read(hex("00000001a0")));
    }

    @Test
    void theLargestFrameIs65536Bytes() throws Exception {
        byte[] body = new byte[Frames.MAX_LENGTH];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, body);
        assertArrayEquals(body, Frames.read(new ByteArrayInputStream(out.toByteArray())));
        assertThrows(IllegalArgumentException.class, () -> Frames.write(out, new byte[Frames.MAX_LENGTH + 1]));
    }

    @Test
    void aCleanEndBeforeAFrameIsNull() throws Exception {
        assertNull(Frames.read(hex("")));
    }

    @Test
    void lengthZeroIsABadRequest() {
        AgentProtocolException e = assertThrows(AgentProtocolException.class, () -> Frames.read(hex("00000000")));
        assertEquals(AgentErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void aLengthOverTheLimitIsTooLargeAndNothingIsAllocated() {
        AgentProtocolException e = assertThrows(AgentProtocolException.class, () -> Frames.read(hex("ffffffff")));
        assertEquals(AgentErrorCode.TOO_LARGE, e.code());
        assertEquals("The frame has length 4294967295; a frame carries at most 65536 bytes.", e.getMessage());
        assertEquals(AgentErrorCode.TOO_LARGE,
                assertThrows(AgentProtocolException.class, () -> Frames.read(hex("00010001"))).code());
    }

    @Test
    void anEndInsideAFrameIsAnEofException() {
        assertThrows(EOFException.class, () -> Frames.read(hex("0000")));
        assertThrows(EOFException.class, () -> Frames.read(hex("00000002a0")));
    }
}
