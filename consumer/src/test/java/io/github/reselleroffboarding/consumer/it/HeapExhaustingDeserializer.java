package io.github.reselleroffboarding.consumer.it;

import org.apache.kafka.common.serialization.Deserializer;

/** A request deserializer that runs the JVM out of memory: a real OutOfMemoryError inside the engine. */
public final class HeapExhaustingDeserializer implements Deserializer<Object> {

    @Override
    public Object deserialize(String topic, byte[] data) {
        long[] tooLarge = new long[Integer.MAX_VALUE - 8];
        return tooLarge.length;
    }
}
