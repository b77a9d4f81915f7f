package dev.cumulus.engine.model;

import java.nio.file.Path;

/** A model file that cannot be used: the message names the file and what is wrong with it. */
public class ModelFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
