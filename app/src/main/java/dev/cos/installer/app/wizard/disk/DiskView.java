package dev.cos.installer.app.wizard.disk;

import dev.cos.installer.app.Messages;
import dev.cos.installer.app.widgets.StyledPage;
import dev.cos.installer.app.wizard.PageView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The disk page: a focusable card per disk and one for a disk image file. Up/Down move between the
 * cards, Space or Enter chooses the focused one, a click chooses too. Thin: rules are in the ViewModel.
 */
public final class DiskView implements PageView {

    private final DiskViewModel viewModel;
    private final StyledPage root = new StyledPage();
    private final VBox cardBox = new VBox(8);
    private final List<Region> cards = new ArrayList<>();
    private final VBox imageCard = new VBox(6);
    private final TextField path = new TextField();
    private final TextField size = new TextField();

    public DiskView(DiskViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add("disk-page");
        Label title = new Label(Messages.get("disk.title"));
        title.getStyleClass().add("page-title");
        Label intro = new Label(Messages.get("disk.intro"));
        intro.getStyleClass().add("page-intro");
        intro.setWrapText(true);

        Button refresh = new Button(Messages.get("disk.refresh"));
        refresh.setId("disk-refresh");
        refresh.setMnemonicParsing(true);
        refresh.setAccessibleHelp(Messages.get("disk.refresh.help"));
        refresh.setTooltip(new Tooltip(Messages.get("disk.refresh.help")));
        refresh.disableProperty().bind(viewModel.loading());
        refresh.setOnAction(e -> viewModel.refresh());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(viewModel.loading());
        spinner.setAccessibleText(Messages.get("disk.loading"));
        Label minimum = new Label();
        minimum.textProperty().bind(viewModel.minimumText());
        minimum.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, minimum, spacer, spinner, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        Label loadError = new Label();
        loadError.getStyleClass().add("problem");
        loadError.textProperty().bind(viewModel.loadError());
        loadError.visibleProperty().bind(viewModel.loadError().isNotEmpty());
        loadError.managedProperty().bind(loadError.visibleProperty());

        cardBox.setId("disk-cards");
        buildImageCard();
        root.getChildren().addAll(title, intro, toolbar, loadError, cardBox);

        viewModel.cards().addListener((ListChangeListener<DiskViewModel.Card>) c -> rebuildCards());
        viewModel.selectedDisk().addListener((obs, old, now) -> markSelection());
        viewModel.imageFileSelected().addListener((obs, old, now) -> markSelection());
        rebuildCards();
    }

    private void buildImageCard() {
        imageCard.getStyleClass().addAll("disk-card", "image-file-card");
        imageCard.setId("image-file-card");
        Label badge = new Label(Messages.get("disk.image.badge"));
        badge.getStyleClass().add("disk-badge");
        Label title = new Label(Messages.get("disk.image.title"));
        title.getStyleClass().add("disk-card-title");
        javafx.scene.image.ImageView icon = new javafx.scene.image.ImageView(dev.cos.installer.app.Icons.imageFile(32));
        HBox head = new HBox(8, icon, badge, title);
        head.setAlignment(Pos.CENTER_LEFT);
        Label explain = new Label(Messages.get("disk.image.explain"));
        explain.setWrapText(true);

        Label pathLabel = new Label(Messages.get("disk.image.path"));
        pathLabel.setMnemonicParsing(true);
        pathLabel.setLabelFor(path);
        path.setId("image-path");
        path.textProperty().bindBidirectional(viewModel.imagePath());
        path.setAccessibleText(Messages.get("disk.image.path.accessible"));
        path.setTooltip(new Tooltip(Messages.get("disk.image.path.help")));
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button(Messages.get("disk.image.browse"));
        browse.setId("image-browse");
        browse.setMnemonicParsing(true);
        browse.setAccessibleHelp(Messages.get("disk.image.browse.help"));
        browse.setTooltip(new Tooltip(Messages.get("disk.image.browse.help")));
        browse.setOnAction(e -> viewModel.browseImageFile());
        Label sizeLabel = new Label(Messages.get("disk.image.size"));
        sizeLabel.setMnemonicParsing(true);
        sizeLabel.setLabelFor(size);
        size.setId("image-size");
        size.setPrefColumnCount(8);
        size.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        size.textProperty().bindBidirectional(viewModel.imageSize());
        size.setAccessibleText(Messages.get("disk.image.size.accessible"));
        size.setTooltip(new Tooltip(Messages.get("disk.image.size.help")));
        // Typing in a field of the card chooses the card.
        path.focusedProperty().addListener((obs, old, focused) -> {
            if (focused) {
                viewModel.selectImageFile();
            }
        });
        size.focusedProperty().addListener((obs, old, focused) -> {
            if (focused) {
                viewModel.selectImageFile();
            }
        });
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, pathLabel, new HBox(6, path, browse));
        form.addRow(1, sizeLabel, size);
        GridPane.setHgrow(form.getChildren().get(1), Priority.ALWAYS);

        Label problem = new Label();
        problem.setId("image-problem");
        problem.getStyleClass().add("problem");
        problem.textProperty().bind(viewModel.imageProblem());
        problem.visibleProperty().bind(viewModel.imageProblem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label note = new Label();
        note.getStyleClass().add("disk-card-warning");
        note.setWrapText(true);
        note.textProperty().bind(viewModel.imageNote());
        note.visibleProperty().bind(viewModel.imageNote().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        imageCard.getChildren().addAll(head, explain, form, problem, note);
        imageCard.setAccessibleText(Messages.get("disk.image.title"));
        imageCard.setAccessibleHelp(Messages.get("disk.image.explain"));
        makeChoosable(imageCard, viewModel::selectImageFile);
    }

    private void rebuildCards() {
        cards.clear();
        for (DiskViewModel.Card card : viewModel.cards()) {
            cards.add(diskCard(card));
        }
        cards.add(imageCard);
        cardBox.getChildren().setAll(cards);
        markSelection();
        // The list arrives after the page took the focus (on the image file card, the only card
        // then): hand it to the first usable disk, so Space chooses a disk, unless the person has
        // already chosen or moved on.
        Node focused = root.getScene() == null ? null : root.getScene().getFocusOwner();
        if (focused == imageCard && viewModel.selectedDisk().get() == null && !viewModel.imageFileSelected().get()) {
            initialFocus().ifPresent(Node::requestFocus);
        }
    }

    private Region diskCard(DiskViewModel.Card card) {
        VBox node = new VBox(4);
        node.getStyleClass().add("disk-card");
        node.setId("disk-card-" + card.disk().name());
        node.setUserData(card);
        Label badge = new Label(card.badge());
        badge.getStyleClass().addAll("disk-badge", "transport-" + card.badge().toLowerCase(java.util.Locale.ROOT));
        Label title = new Label(card.title());
        title.getStyleClass().add("disk-card-title");
        Label details = new Label(card.details());
        details.getStyleClass().add("muted");
        javafx.scene.image.ImageView icon = new javafx.scene.image.ImageView(dev.cos.installer.app.Icons.disk(
                card.disk().type(), card.disk().transport(), card.disk().removable(), 32));
        icon.setAccessibleText(card.badge());
        HBox head = new HBox(8, icon, badge, title, details);
        head.setAlignment(Pos.CENTER_LEFT);
        node.getChildren().add(head);
        for (String line : card.partitions()) {
            Label partition = new Label(line);
            partition.getStyleClass().add("disk-card-partition");
            node.getChildren().add(partition);
        }
        card.cosWarning().ifPresent(text -> {
            Label warning = new Label(text);
            warning.getStyleClass().add("disk-card-warning");
            warning.setWrapText(true);
            node.getChildren().add(warning);
        });
        for (String reason : card.reasons()) {
            Label why = new Label(reason);
            why.getStyleClass().add("disk-card-reason");
            why.setWrapText(true);
            node.getChildren().add(why);
        }
        String spoken = card.title() + ", " + card.details() + (card.cosWarning().map(w -> ". " + w).orElse(""))
                + (card.usable() ? "" : ". " + Messages.get("disk.card.unavailable") + ": " + String.join("; ", card.reasons()));
        node.setAccessibleText(spoken);
        node.setAccessibleHelp(card.usable() ? Messages.get("disk.card.help") : String.join("; ", card.reasons()));
        if (!card.usable()) {
            // Not setDisable: a disabled node cannot be focused, and its reason must stay readable.
            node.getStyleClass().add("unavailable");
            Tooltip.install(node, new Tooltip(String.join("\n", card.reasons())));
        }
        makeChoosable(node, () -> viewModel.selectDisk(card.disk()));
        return node;
    }

    /** Focusable; a click, Space or Enter chooses it; Up/Down move to the neighbouring card. */
    private void makeChoosable(Region card, Runnable choose) {
        card.setFocusTraversable(true);
        card.focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                scrollIntoView(card);
            }
        });
        card.setOnMouseClicked(e -> {
            choose.run();
            if (!(e.getTarget() instanceof TextField)) {
                card.requestFocus();
            }
        });
        card.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() != card) {
                return;
            }
            if (e.getCode() == KeyCode.SPACE || e.getCode() == KeyCode.ENTER) {
                choose.run();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.UP) {
                int index = cards.indexOf(card) + (e.getCode() == KeyCode.DOWN ? 1 : -1);
                if (index >= 0 && index < cards.size()) {
                    cards.get(index).requestFocus();
                }
                e.consume();
            }
        });
    }

    /** The frame puts pages in a scroll pane: a card reached with the keyboard must be seen. */
    private static void scrollIntoView(Node node) {
        javafx.scene.Parent parent = node.getParent();
        while (parent != null && !(parent instanceof javafx.scene.control.ScrollPane)) {
            parent = parent.getParent();
        }
        if (!(parent instanceof javafx.scene.control.ScrollPane scroll) || scroll.getContent() == null) {
            return;
        }
        Node content = scroll.getContent();
        javafx.geometry.Bounds bounds = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double hidden = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
        if (hidden <= 0) {
            return;
        }
        double top = scroll.getVvalue() * hidden;
        if (bounds.getMinY() < top) {
            scroll.setVvalue(bounds.getMinY() / hidden);
        } else if (bounds.getMaxY() > top + scroll.getViewportBounds().getHeight()) {
            scroll.setVvalue(Math.min(1, (bounds.getMaxY() - scroll.getViewportBounds().getHeight()) / hidden));
        }
    }

    private void markSelection() {
        for (Region card : cards) {
            boolean selected = card == imageCard ? viewModel.imageFileSelected().get()
                    : card.getUserData() instanceof DiskViewModel.Card c && viewModel.selectedDisk().get() != null
                            && c.disk().path().equals(viewModel.selectedDisk().get().path());
            card.getStyleClass().remove("selected");
            if (selected) {
                card.getStyleClass().add("selected");
            }
            card.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), selected);
        }
    }

    @Override
    public Node root() {
        return root;
    }

    /** The chosen card, else the first usable disk, else the image file card. */
    @Override
    public Optional<Node> initialFocus() {
        for (Region card : cards) {
            if (card.getStyleClass().contains("selected")) {
                return Optional.of(card);
            }
        }
        return cards.stream().filter(c -> c.getUserData() instanceof DiskViewModel.Card card && card.usable())
                .map(c -> (Node) c).findFirst().or(() -> Optional.of(imageCard));
    }
}
