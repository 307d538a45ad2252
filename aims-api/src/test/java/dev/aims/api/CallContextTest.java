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
    void toStringPrintsNoValueOnlySizesAndLabelKeys() {
        CallContext c = CallContext.builder().principal("jane@corp.example").tenant("tenant-jane@corp.example")
                .systemId("bot 4111 1111 1111 1111").purpose("refund jane").sessionId("s-jane").parentCallId("p-jane")
                .sourceId("doc jane").label("customer", "jane").build();

        assertThat(c.toString()).doesNotContainIgnoringCase("jane").doesNotContain("4111")
                .isEqualTo("CallContext{principal=<17 chars>, tenant=<24 chars>, systemId=<23 chars>,"
                        + " purpose=<11 chars>, sessionId=<6 chars>, parentCallId=<6 chars>, sourceIds=1,"
                        + " labels=[customer]}");
        assertThat(CallContext.EMPTY.toString()).isEqualTo("CallContext{principal=null, tenant=null, systemId=null,"
                + " purpose=null, sessionId=null, parentCallId=null, sourceIds=0, labels=[]}");
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
