package dev.lockstep.server.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes {@link Outbound} replies in the RESP version the client had chosen when it asked. */
@ChannelHandler.Sharable
final class RespEncoder extends MessageToByteEncoder<RespEncoder.Outbound> {
    private static final byte[] CRLF = {'\r', '\n'};

    /** A reply and the protocol version (2 or 3) to write it in. */
    record Outbound(RespReply reply, int protocol) {}

    RespEncoder() {
        super(Outbound.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Outbound msg, ByteBuf out) {
        write(out, msg.reply(), msg.protocol() >= 3);
    }

    static void write(ByteBuf out, RespReply reply, boolean resp3) {
        if (reply instanceof RespReply.Bulk b) {
            line(out, '$', Integer.toString(b.data().length));
            out.writeBytes(b.data());
            out.writeBytes(CRLF);
        } else if (reply instanceof RespReply.Simple s) {
            line(out, '+', clean(s.text()));
        } else if (reply instanceof RespReply.Int i) {
            line(out, ':', Long.toString(i.value()));
        } else if (reply instanceof RespReply.Err e) {
            line(out, '-', clean(e.text()));
        } else if (reply instanceof RespReply.Null) {
            line(out, resp3 ? '_' : '$', resp3 ? "" : "-1");
        } else if (reply instanceof RespReply.NullArray) {
            line(out, resp3 ? '_' : '*', resp3 ? "" : "-1");
        } else if (reply instanceof RespReply.Arr a) {
            line(out, '*', Integer.toString(a.elements().size()));
            for (RespReply element : a.elements()) {
                write(out, element, resp3);
            }
        } else if (reply instanceof RespReply.MapReply m) {
            int n = m.keysAndValues().size();
            line(out, resp3 ? '%' : '*', Integer.toString(resp3 ? n / 2 : n));
            for (RespReply element : m.keysAndValues()) {
                write(out, element, resp3);
            }
        } else if (reply instanceof RespReply.SetReply set) {
            line(out, resp3 ? '~' : '*', Integer.toString(set.elements().size()));
            for (RespReply element : set.elements()) {
                write(out, element, resp3);
            }
        } else if (reply instanceof RespReply.Pairs p) {
            writePairs(out, p.flat(), resp3);
        } else if (reply instanceof RespReply.Dbl d) {
            if (resp3) {
                line(out, ',', d.text());
            } else {
                write(out, new RespReply.Bulk(d.text().getBytes(StandardCharsets.US_ASCII)), false);
            }
        } else {
            throw new IllegalArgumentException("unknown reply " + reply);
        }
    }

    private static void writePairs(ByteBuf out, List<RespReply> flat, boolean resp3) {
        if (!resp3) {
            line(out, '*', Integer.toString(flat.size()));
        } else {
            line(out, '*', Integer.toString(flat.size() / 2));
        }
        for (int i = 0; i < flat.size(); i++) {
            if (resp3 && i % 2 == 0) {
                line(out, '*', "2");
            }
            write(out, flat.get(i), resp3);
        }
    }

    private static void line(ByteBuf out, char type, String text) {
        out.writeByte(type);
        out.writeCharSequence(text, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** Simple strings and errors may not contain line breaks. */
    private static String clean(String text) {
        return text.indexOf('\r') < 0 && text.indexOf('\n') < 0 ? text : text.replace('\r', ' ').replace('\n', ' ');
    }
}
