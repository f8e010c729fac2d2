CREATE TABLE broken (;
