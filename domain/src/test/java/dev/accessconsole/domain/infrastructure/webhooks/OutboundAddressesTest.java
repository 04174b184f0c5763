package dev.accessconsole.domain.infrastructure.webhooks;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundAddressesTest {

    private final OutboundAddresses production = new OutboundAddresses(false);
    private final OutboundAddresses development = new OutboundAddresses(true);

    @Test
    void whenAUrlNamesThisMachineThenOnlyADevelopmentServerSendsThere() {
        for (String url : new String[]{"https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "http://127.0.0.1:8080/hook",
                "https://127.9.9.9/hook", "https://[::ffff:127.0.0.1]/hook"}) {
            assertThat(production.refusal(url)).as(url).isPresent();
        }
        assertThat(development.refusal("http://127.0.0.1:8080/hook")).isEmpty();
        assertThat(development.refusal("http://localhost:8080/hook")).isEmpty();
    }

    @Test
    void whenAUrlNamesAPrivateLinkLocalMetadataOrReservedAddressThenItIsRefusedEvenInDevelopment() {
        for (String url : new String[]{"https://10.1.2.3/", "https://172.31.255.255/", "https://192.168.0.1/", "https://169.254.169.254/latest",
                "https://169.254.1.1/", "https://[fe80::1]/", "https://[fd00:ec2::254]/", "https://[fc00::1]/", "https://100.64.0.1/",
                "https://0.0.0.0/", "https://[::]/", "https://224.0.0.1/", "https://240.0.0.1/", "https://198.18.0.1/",
                "https://[::ffff:10.0.0.1]/", "https://[::ffff:169.254.169.254]/", "https://metadata.google.internal/",
                "https://METADATA.GOOGLE.INTERNAL./", "http://10.0.0.1/"}) {
            assertThat(development.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void whenAUrlIsNotAnHttpsUrlWithAHostThenItIsRefused() {
        for (String url : new String[]{"ftp://example.com/", "https:///nohost", "https://user:pw@93.184.215.14/", "not a url",
                "https://93.184.215.14/#fragment", "http://93.184.215.14/"}) {
            assertThat(production.refusal(url)).as(url).isPresent();
        }
        assertThat(production.refusal("https://93.184.215.14/hook?x=1")).isEmpty();
        assertThat(production.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")).isEmpty();
    }

    @Test
    void whenANameResolvesToAnInternalAddressAtConnectionThenTheResolverRefusesIt() throws Exception {
        assertThatThrownBy(() -> production.resolve("localhost")).isInstanceOf(UnknownHostException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> development.resolve("10.0.0.7")).isInstanceOf(UnknownHostException.class).hasMessageContaining("private");
        assertThat(development.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }
}
