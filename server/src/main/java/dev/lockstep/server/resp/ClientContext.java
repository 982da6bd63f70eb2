package dev.lockstep.server.resp;

import dev.lockstep.server.config.ServerConfig;
import java.util.function.LongSupplier;

/**
 * What every client connection of one server shares.
 *
 * @param clientIds a fresh session id per connection, unique across connections and restarts
 */
record ClientContext(RequestRouter router, ServerView view, LongSupplier clientIds, ServerConfig.Limits limits,
                     ClientStats stats, CommandObserver observer) {}
