package dev.cumulus.sim.cost;

import dev.cumulus.runtime.billing.Ec2Rate;
import dev.cumulus.runtime.billing.LambdaRate;
import dev.cumulus.runtime.billing.PriceTable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Every price a prediction uses: the function rate, the VM rate and the stores' charges, from the runtime's
 * {@link PriceTable} and {@link StorePrices}; one file may override keys of both.
 *
 * @param table the whole EC2 table too, for a parameter server's instance type (the job names it)
 */
public record Prices(LambdaRate lambda, Ec2Rate ec2, StorePrices stores, PriceTable table) {

    public Prices {
        Objects.requireNonNull(lambda, "lambda");
        Objects.requireNonNull(ec2, "ec2");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(table, "table");
    }

    /**
     * The hourly rate of a parameter server on {@code instanceType}.
     *
     * @throws InvalidParameterException naming the key the table lacks
     */
    public Ec2Rate server(String instanceType) {
        try {
            return table.ec2(instanceType);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("ec2." + instanceType + ".usdPerHour", e.getMessage());
        }
    }

    /** The bundled prices, x86_64 functions, VMs of {@code instanceType}. */
    public static Prices defaults(String instanceType) {
        return new Prices(PriceTable.defaults().lambda(), PriceTable.defaults().ec2(instanceType),
                StorePrices.defaults(), PriceTable.defaults());
    }

    /**
     * The bundled prices with the keys of {@code file} (a properties file) replacing them.
     *
     * @throws IllegalArgumentException naming the file and key when a price is missing, not a number or negative
     */
    public static Prices load(Path file, String instanceType) {
        Properties override = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            override.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Price table " + file + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read price table " + file + ": " + e.getMessage(), e);
        }
        PriceTable table = PriceTable.load(file);
        return new Prices(table.lambda(), table.ec2(instanceType),
                StorePrices.from(override, "price table " + file + " (over the bundled defaults)"), table);
    }
}
