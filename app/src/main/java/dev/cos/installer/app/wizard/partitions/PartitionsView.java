package dev.cos.installer.app.wizard.partitions;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.widgets.PartitionBar;
import dev.cos.installer.app.widgets.StyledPage;
import dev.cos.installer.app.wizard.PageView;
import dev.cos.installer.app.wizard.WizardModel.FirmwareChoice;
import dev.cos.installer.model.PartitionRole;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The partition preview page. Thin: the sizes, rules and texts come from the ViewModel. */
public final class PartitionsView implements PageView {

    private final StyledPage root = new StyledPage();
    private final TextField firstField;

    public PartitionsView(PartitionsViewModel viewModel) {
        root.getStyleClass().add("partitions-page");
        Label title = new Label(Messages.get("partitions.title"));
        title.getStyleClass().add("page-title");
        Label target = new Label();
        target.setId("partitions-target");
        target.textProperty().bind(viewModel.targetText());
        target.getStyleClass().add("muted");

        PartitionBar beforeBar = new PartitionBar();
        beforeBar.setId("bar-before");
        Bindings.bindContent(beforeBar.segments(), viewModel.before());
        PartitionBar afterBar = new PartitionBar();
        afterBar.setId("bar-after");
        Bindings.bindContent(afterBar.segments(), viewModel.after());
        Label beforeLabel = section("partitions.before");
        beforeLabel.setLabelFor(beforeBar);
        Label afterLabel = section("partitions.after");
        afterLabel.setLabelFor(afterBar);

        TableView<PartitionsViewModel.Row> table = new TableView<>();
        table.setId("partitions-table");
        table.setAccessibleText(Messages.get("partitions.table.accessible"));
        table.getColumns().add(column("partitions.column.number", r -> String.valueOf(r.number())));
        table.getColumns().add(column("partitions.column.name", PartitionsViewModel.Row::name));
        table.getColumns().add(column("partitions.column.label", PartitionsViewModel.Row::label));
        table.getColumns().add(column("partitions.column.fs", PartitionsViewModel.Row::filesystem));
        table.getColumns().add(column("partitions.column.size", PartitionsViewModel.Row::size));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(viewModel.rows());
        table.setFixedCellSize(26);
        table.setPrefHeight(26 * 7 + 30);
        table.setMinHeight(26 * 7 + 30);
        table.setPlaceholder(new Label(Messages.get("partitions.table.empty")));

        GridPane sizes = new GridPane();
        sizes.setHgap(8);
        sizes.setVgap(6);
        sizes.setId("partitions-sizes");
        TextField first = null;
        int row = 0;
        for (PartitionRole role : LayoutCheck.SIZABLE) {
            String key = "partitions.size." + role.gptName();
            Label label = new Label(Messages.get(key));
            label.setMnemonicParsing(true);
            TextField field = new TextField();
            field.setId("size-" + role.gptName());
            field.setPrefColumnCount(7);
            field.textProperty().bindBidirectional(viewModel.sizeText(role));
            field.promptTextProperty().bind(viewModel.defaultText(role));
            field.setAccessibleText(Messages.get(key + ".accessible"));
            field.setAccessibleHelp(Messages.get(key + ".help"));
            field.setTooltip(new Tooltip(Messages.get(key + ".help")));
            label.setLabelFor(field);
            Label unit = new Label(Messages.get("partitions.size.unit"));
            Label defaults = new Label();
            defaults.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("partitions.size.default",
                    viewModel.defaultText(role).get()), viewModel.defaultText(role)));
            defaults.getStyleClass().add("muted");
            sizes.addRow(row++, label, field, unit, defaults);
            if (first == null) {
                first = field;
            }
        }
        Label persistent = new Label(Messages.get("partitions.size.persistent"));
        persistent.getStyleClass().add("muted");
        sizes.add(persistent, 0, row, 4, 1);
        firstField = first;

        VBox problems = new VBox(4);
        problems.setId("partitions-problems");
        viewModel.problems().addListener((ListChangeListener<String>) c -> showProblems(problems, viewModel));
        showProblems(problems, viewModel);
        Label minimum = new Label();
        minimum.setId("partitions-minimum");
        minimum.textProperty().bind(viewModel.minimumText());
        Label capacity = new Label();
        capacity.setId("partitions-capacity");
        capacity.textProperty().bind(viewModel.capacityText());

        ToggleGroup firmware = new ToggleGroup();
        HBox firmwareRow = new HBox(16);
        firmwareRow.setAlignment(Pos.CENTER_LEFT);
        for (FirmwareChoice choice : FirmwareChoice.values()) {
            String key = "partitions.firmware." + choice.cliName();
            RadioButton radio = new RadioButton(Messages.get(key));
            radio.setId("firmware-" + choice.cliName());
            radio.setMnemonicParsing(true);
            radio.setToggleGroup(firmware);
            radio.setUserData(choice);
            radio.setAccessibleHelp(Messages.get(key + ".help"));
            radio.setTooltip(new Tooltip(Messages.get(key + ".help")));
            radio.setSelected(viewModel.firmware().get() == choice);
            firmwareRow.getChildren().add(radio);
        }
        viewModel.firmware().addListener((obs, old, now) -> firmware.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));
        firmware.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.firmware().set((FirmwareChoice) now.getUserData());
            }
        });

        root.getChildren().addAll(title, target, beforeLabel, beforeBar, afterLabel, afterBar, table,
                section("partitions.sizes"), sizes, problems, minimum, capacity, section("partitions.firmware"), firmwareRow);
    }

    private static void showProblems(VBox box, PartitionsViewModel viewModel) {
        box.getChildren().clear();
        for (String problem : viewModel.problems()) {
            Label label = new Label(problem);
            label.getStyleClass().add("problem");
            label.setWrapText(true);
            label.setFocusTraversable(false);
            label.setAccessibleText(problem);
            box.getChildren().add(label);
        }
    }

    private static Label section(String key) {
        Label label = new Label(Messages.get(key));
        label.getStyleClass().add("section-title");
        return label;
    }

    private static TableColumn<PartitionsViewModel.Row, String> column(String key,
            java.util.function.Function<PartitionsViewModel.Row, String> value) {
        TableColumn<PartitionsViewModel.Row, String> column = new TableColumn<>(Messages.get(key));
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setSortable(false);
        column.setId("column-" + key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        return column;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Optional<Node> initialFocus() {
        return Optional.of(firstField);
    }
}
