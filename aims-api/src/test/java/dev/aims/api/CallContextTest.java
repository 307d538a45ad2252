package dev.aims.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallContextTest {
    @Test
    void bindNestsAndRestores() {
        CallContext outer = CallContext.builder().principal("a").build();
        CallContext inner = CallContext.builder().principal("b").build();

        try (CallContext.Scope s1 = CallContext.bind(outer)) {
            try (CallContext.Scope s2 = CallContext.bind(inner)) {
                assertThat(CallContext.current()).isEqualTo(inner);
            }
            assertThat(CallContext.current()).isEqualTo(outer);
        }
        assertThat(CallContext.current()).isSameAs(CallContext.EMPTY);
    }

    @Test
    void closingOutOfOrderFails() {
        CallContext.Scope s1 = CallContext.bind(CallContext.builder().principal("a").build());
        CallContext.Scope s2 = CallContext.bind(CallContext.builder().principal("b").build());
        try {
            assertThatThrownBy(s1::close).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reverse order");
        } finally {
            s2.close();
            s1.close();
        }
        assertThat(CallContext.current()).isSameAs(CallContext.EMPTY);
    }

    @Test
    void closingOnAnotherThreadFails() throws Exception {
        CallContext.Scope s = CallContext.bind(CallContext.builder().principal("a").build());
        Throwable[] error = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                s.close();
            } catch (Throwable e) {
                error[0] = e;
            }
        });
        t.start();
        t.join();
        s.close();

        assertThat(error[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("thread that bound it");
    }

    @Test
    void principal_blank() {
        assertThatThrownBy(() -> CallContext.builder().principal("  ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("principal must be null or non-blank, but was '  '");
    }

    @Test
    void sourceId_blank() {
        assertThatThrownBy(() -> CallContext.builder().sourceId(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sourceIds[0] must not be blank, but was ''");
    }
}
