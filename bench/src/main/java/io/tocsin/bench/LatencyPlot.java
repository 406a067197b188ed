package io.tocsin.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Latency by percentile, one line per series: percentiles at equal steps of "nines" (50, 90, 99, 99.9, 99.99, max),
 * milliseconds on a logarithmic axis, so that a median of 5 ms and a tail of 2 s both stay readable.
 */
final class LatencyPlot {

    private static final String[] PERCENTILES = {"p50", "p90", "p99", "p99.9", "p99.99", "max"};
    private static final Color[] COLORS = {new Color(0xC0392B), new Color(0x2471A3), new Color(0x1E8449),
            new Color(0x7D3C98)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LatencyPlot() {
    }

    static void write(Map<String, Report.Percentiles> series, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Report.Percentiles p : series.values()) {
            for (double v : p.values()) {
                low = Math.min(low, Math.max(v, 0.01));
                high = Math.max(high, Math.max(v, 0.01));
            }
        }
        int minDecade = (int) Math.floor(Math.log10(low));
        int maxDecade = Math.max(minDecade + 1, (int) Math.ceil(Math.log10(high)));

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("Latency by percentile (ms, log scale)", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int decade = minDecade; decade <= maxDecade; decade++) {
            int y = y(Math.pow(10, decade), minDecade, maxDecade, plotHeight);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = decade >= 0 ? String.valueOf((long) Math.pow(10, decade))
                    : String.format(Locale.ROOT, "%." + (-decade) + "f", Math.pow(10, decade));
            g.drawString(label, LEFT - 10 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (int i = 0; i < PERCENTILES.length; i++) {
            int x = x(i, plotWidth);
            g.setColor(new Color(0xEEEEEE));
            g.drawLine(x, TOP, x, TOP + plotHeight);
            g.setColor(Color.DARK_GRAY);
            g.drawString(PERCENTILES[i], x - g.getFontMetrics().stringWidth(PERCENTILES[i]) / 2,
                    TOP + plotHeight + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);

        int index = 0;
        for (Map.Entry<String, Report.Percentiles> entry : series.entrySet()) {
            Color color = COLORS[index % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            double[] values = entry.getValue().values();
            for (int i = 0; i < values.length; i++) {
                int x = x(i, plotWidth);
                int y = y(Math.max(values[i], 0.01), minDecade, maxDecade, plotHeight);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (i > 0) {
                    g.drawLine(x(i - 1, plotWidth), y(Math.max(values[i - 1], 0.01), minDecade, maxDecade, plotHeight),
                            x, y);
                }
            }
            int legendY = HEIGHT - 40 + 16 * (index % 2);
            int legendX = LEFT + (index / 2) * (plotWidth / 2);
            g.fillRect(legendX, legendY - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), legendX + 20, legendY);
            index++;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static int x(int index, int plotWidth) {
        return LEFT + 20 + index * (plotWidth - 40) / (PERCENTILES.length - 1);
    }

    private static int y(double value, int minDecade, int maxDecade, int plotHeight) {
        double fraction = (Math.log10(value) - minDecade) / (maxDecade - minDecade);
        return TOP + plotHeight - (int) Math.round(fraction * plotHeight);
    }
}
