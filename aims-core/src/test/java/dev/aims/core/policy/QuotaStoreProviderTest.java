package dev.aims.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotaStoreProviderTest {
    @Test
    void createsAStoreWithTheProviderOfItsTypeOnTheClassPath() {
        QuotaStoreSpec spec = QuotaStoreSpec.builder(TestStoreProvider.TYPE, "mem://fleet")
                .onUnavailable(QuotaStoreSpec.OnUnavailable.FALLBACK).build();
        QuotaStore store = QuotaStoreProvider.createStore(spec);
        assertThat(store).isInstanceOfSatisfying(TestStoreProvider.Store.class,
                s -> assertThat(s.spec).isEqualTo(spec));
    }

    @Test
    void refusesATypeNoProviderServes() {
        assertThatThrownBy(() -> QuotaStoreProvider.createStore(QuotaStoreSpec.builder("hazelcast",
                "hz://cache:5701").build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no QuotaStoreProvider serves the quota store type \"hazelcast\": add the module that"
                        + " does to the class path (aims-redis for redis)");
    }

    @Test
    void passesOnTheProvidersRefusal() {
        assertThatThrownBy(() -> QuotaStoreProvider.createStore(QuotaStoreSpec.builder(TestStoreProvider.TYPE,
                "mem://refused").build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uri must name a host this provider serves, but was mem://refused");
    }
}
