package dev.lockstep.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.redis.ArrayHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringHeaderRedisMessage;
import io.netty.handler.codec.redis.BulkStringRedisContent;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.LastBulkStringRedisContent;
import io.netty.handler.codec.redis.RedisCodecException;
import io.netty.handler.codec.redis.RedisMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the streaming parts of netty-codec-redis's {@link io.netty.handler.codec.redis.RedisDecoder}
 * into whole client commands ({@link ClientInput.Args}): an array of bulk strings, or an inline
 * command. It enforces the size limits itself so that an oversized argument is skipped chunk by
 * chunk and reported as {@link ClientInput.TooLarge} while the connection stays usable (an
 * aggregator that gives up mid-array would lose track of the stream). Anything else a client
 * may not send (a nested array, a simple string, a null bulk string) is a protocol error.
 */
final class CommandAssembler extends MessageToMessageDecoder<RedisMessage> {
    /** Most arguments one command may have (Redis allows 1024*1024 too). */
    static final long MAX_ARGS = 1024 * 1024;

    private final int maxArgBytes;
    private final int maxCommandBytes;
    private long remaining;
    private List<byte[]> args;
    private long commandBytes;
    private String tooLarge;
    private byte[] current;
    private int filled;
    private boolean skipping;

    CommandAssembler(int maxArgBytes, int maxCommandBytes) {
        super(RedisMessage.class);
        this.maxArgBytes = maxArgBytes;
        this.maxCommandBytes = maxCommandBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, RedisMessage msg, List<Object> out) {
        if (msg instanceof ArrayHeaderRedisMessage header) {
            startArray(header, out);
        } else if (msg instanceof InlineCommandRedisMessage inline) {
            requireIdle("an inline command");
            inline(inline.content(), out);
        } else if (msg instanceof FullBulkStringRedisMessage full) {
            requireInArray("a bulk string");
            if (full.isNull()) {
                throw new RedisCodecException("null bulk string in a command");
            }
            addArg(bytesOf(full.content()), out);
        } else if (msg instanceof BulkStringHeaderRedisMessage header) {
            requireInArray("a bulk string");
            startBulk(header.bulkStringLength());
        } else if (msg instanceof BulkStringRedisContent content) {
            appendContent(content.content());
            if (content instanceof LastBulkStringRedisContent) {
                endBulk(out);
            }
        } else {
            throw new RedisCodecException("expected an array of bulk strings, got " + msg.getClass().getSimpleName());
        }
    }

    private void startArray(ArrayHeaderRedisMessage header, List<Object> out) {
        requireIdle("a nested array");
        if (header.isNull() || header.length() == 0) {
            return; // Redis ignores empty multibulk requests
        }
        if (header.length() > MAX_ARGS) {
            throw new RedisCodecException("invalid multibulk length " + header.length());
        }
        remaining = header.length();
        args = new ArrayList<>((int) Math.min(remaining, 16));
        commandBytes = 0;
        tooLarge = null;
    }

    private void startBulk(int length) {
        commandBytes += length;
        if (length > maxArgBytes) {
            tooLarge = "ERR argument of " + length + " bytes exceeds the limit of " + maxArgBytes + " bytes";
        } else if (commandBytes > maxCommandBytes) {
            tooLarge = "ERR command of over " + commandBytes + " bytes exceeds the limit of " + maxCommandBytes + " bytes";
        }
        skipping = tooLarge != null;
        current = skipping ? null : new byte[length];
        filled = 0;
    }

    private void appendContent(ByteBuf content) {
        if (args == null) {
            throw new RedisCodecException("bulk string content outside a command");
        }
        if (!skipping) {
            int n = content.readableBytes();
            content.readBytes(current, filled, n);
            filled += n;
        }
    }

    private void endBulk(List<Object> out) {
        byte[] arg = current;
        current = null;
        skipping = false;
        addArg(arg, out);
    }

    private void addArg(byte[] arg, List<Object> out) {
        if (tooLarge == null) {
            args.add(arg);
        }
        if (--remaining == 0) {
            out.add(tooLarge == null ? new ClientInput.Args(args) : new ClientInput.TooLarge(tooLarge));
            args = null;
            tooLarge = null;
        }
    }

    private void inline(String line, List<Object> out) {
        String text = line.trim();
        if (text.isEmpty()) {
            return;
        }
        List<byte[]> words = new ArrayList<>();
        for (String word : text.split("\\s+")) {
            words.add(word.getBytes(StandardCharsets.UTF_8));
        }
        out.add(new ClientInput.Args(words));
    }

    private static byte[] bytesOf(ByteBuf content) {
        byte[] data = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), data);
        return data;
    }

    private void requireIdle(String what) {
        if (args != null) {
            throw new RedisCodecException(what + " inside a command");
        }
    }

    private void requireInArray(String what) {
        if (args == null) {
            throw new RedisCodecException(what + " outside a command array");
        }
    }
}
