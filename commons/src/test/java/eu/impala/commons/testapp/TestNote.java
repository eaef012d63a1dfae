package eu.impala.commons.testapp;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stand-in aggregate whose changes the commons tests publish through the outbox. */
@Entity
@Table(name = "test_note")
public class TestNote extends PanacheEntityBase {

    @Id
    public UUID id;

    public String text;
}
