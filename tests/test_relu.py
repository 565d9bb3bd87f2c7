"""The ReLU of Week 1's housing-price neuron."""

import numpy as np
import pytest

from coursecode.activations import relu


def test_relu_is_zero_for_negative_input_and_identity_otherwise():
    z = np.array([[-3.0, -1e-12, 0.0, 1e-12, 2.5]])
    np.testing.assert_array_equal(relu(z), [[0.0, 0.0, 0.0, 1e-12, 2.5]])


def test_relu_of_a_number_is_a_float():
    assert relu(-7) == 0.0
    assert relu(4) == 4.0
    assert isinstance(relu(4), float)


def test_housing_price_neuron_is_flat_then_a_line():
    # price = relu(w * size + b): zero up to size = -b/w, then rising with slope w.
    w, b = 0.25, -20.0
    sizes = np.array([40.0, 80.0, 120.0, 200.0])
    np.testing.assert_array_equal(relu(w * sizes + b), [0.0, 0.0, 10.0, 30.0])


@pytest.mark.parametrize(
    ("z", "error", "message"),
    [(np.nan, ValueError, r"z must be finite"), ("big", TypeError, r"z must hold real numbers")],
)
def test_relu_rejects_bad_input(z, error, message):
    with pytest.raises(error, match=message):
        relu(z)
