package dev.sluice.testing.arrow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * Arrow IPC buffer compression with LZ4_FRAME through lz4-java's pure-Java codecs (arrow-compression's
 * codec uses commons-compress, slow and another dependency). Used to write chunks with compressed
 * buffers, and to let arrow-java read them back.
 */
final class Lz4FrameCodec extends AbstractCompressionCodec {
    /** A factory that answers LZ4_FRAME with this codec and NO_COMPRESSION with arrow-java's. */
    static final CompressionCodec.Factory FACTORY = new CompressionCodec.Factory() {
        @Override
        public CompressionCodec createCodec(CompressionUtil.CodecType type) {
            return type == CompressionUtil.CodecType.LZ4_FRAME
                    ? new Lz4FrameCodec() : CompressionCodec.Factory.INSTANCE.createCodec(type);
        }

        @Override
        public CompressionCodec createCodec(CompressionUtil.CodecType type, int level) {
            return createCodec(type);
        }
    };

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
        byte[] in = new byte[Math.toIntExact(uncompressed.writerIndex())];
        uncompressed.getBytes(0, in);
        byte[] out = ArrowChunks.lz4Frame(in);
        ArrowBuf result = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + out.length);
        result.setBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, out);
        result.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + out.length);
        return result;
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
        long length = readUncompressedLength(compressed);
        byte[] in = new byte[Math.toIntExact(compressed.writerIndex() - CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH)];
        compressed.getBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, in);
        try (LZ4FrameInputStream lz4 = new LZ4FrameInputStream(new ByteArrayInputStream(in),
                LZ4Factory.safeInstance().safeDecompressor(), XXHashFactory.safeInstance().hash32())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(length));
            lz4.transferTo(out);
            byte[] bytes = out.toByteArray();
            ArrowBuf result = allocator.buffer(bytes.length);
            result.setBytes(0, bytes);
            result.writerIndex(bytes.length);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
        return CompressionUtil.CodecType.LZ4_FRAME;
    }
}
