-- Test only: a service's own first migration, numbered from 1 like todokit's, in its own schema.
CREATE TABLE orders
(
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item  text NOT NULL
);
