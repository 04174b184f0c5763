package dev.accessconsole.domain.infrastructure.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where this server may send requests on a customer's behalf (webhook deliveries): never to its own machine, the private
 * network it runs in, link-local addresses or a cloud's metadata service. A URL is checked when it is saved, and every
 * address its host resolves to is checked again when a delivery connects (the resolver the HTTP client uses is
 * {@link #resolve}), so a name that later resolves elsewhere (DNS rebinding) still reaches no internal address.
 * Loopback is allowed only when the server is configured for development ({@code accessconsole.webhooks.allow-loopback}),
 * and then {@code http} too (only for loopback); otherwise URLs are {@code https}.
 */
public final class OutboundAddresses {

    /** Host names that are a cloud's metadata service whatever they resolve to. */
    private static final List<String> METADATA_NAMES = List.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");

    private final boolean allowLoopback;

    public OutboundAddresses(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why {@code url} may not be a webhook URL, or empty when it may (its host resolved and checked now). */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException invalid) {
            return Optional.of("url is not a URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("url is an absolute https URL with a host, without user info or fragment.");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && allowLoopback)) {
            return Optional.of("url is an https URL.");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (METADATA_NAMES.contains(name)) {
            return Optional.of("url names a metadata service.");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException unknown) {
            return Optional.of("url's host does not resolve.");
        }
        boolean loopback = false;
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                return refused;
            }
            loopback |= address.isLoopbackAddress();
        }
        if (scheme.equals("http") && !loopback) {
            return Optional.of("url is an https URL (http only for this machine, in development).");
        }
        return Optional.empty();
    }

    /** Why a connection to {@code address} is refused, or empty when it is allowed. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress checked = unmapped(address);
        if (checked.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("url resolves to a loopback address.");
        }
        if (checked.isAnyLocalAddress() || checked.isMulticastAddress()) {
            return Optional.of("url resolves to an address that is not a host's.");
        }
        byte[] b = checked.getAddress();
        if (checked instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 169 && second == 254) {
                return Optional.of(b[2] == (byte) 169 && b[3] == (byte) 254
                        ? "url resolves to a metadata service's address." : "url resolves to a link-local address.");
            }
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return Optional.of("url resolves to a private address.");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("url resolves to a shared (carrier-grade NAT) address.");
            }
            if (first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19))) {
                return Optional.of("url resolves to a reserved address.");
            }
            return Optional.empty();
        }
        if (checked instanceof Inet6Address) {
            if (checked.isLinkLocalAddress() || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0)) {
                return Optional.of("url resolves to a link-local address.");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                // fc00::/7, unique local; fd00:ec2::254 is AWS's metadata service among them
                return Optional.of("url resolves to a private address.");
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return Optional.of("url resolves to a reserved address.");
            }
            return Optional.empty();
        }
        return Optional.of("url resolves to an unknown kind of address.");
    }

    /**
     * The addresses of {@code host}, each allowed; refused (as an {@link UnknownHostException}, which ends the delivery
     * attempt) when any is not. The HTTP client connects only to what this returns.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            Optional<String> refused = refusal(address);
            if (refused.isPresent()) {
                throw new UnknownHostException(refused.get());
            }
        }
        return addresses;
    }

    /** An IPv4 address written as IPv6 ({@code ::ffff:a.b.c.d}, or the deprecated {@code ::a.b.c.d}) as the IPv4 one. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zeros && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
            if (mapped || compatible) {
                try {
                    return InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException impossible) {
                    return address;
                }
            }
        }
        return address;
    }
}
